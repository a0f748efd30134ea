package questlog.library.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import questlog.common.InvalidInputException;
import questlog.common.Slugs;

/** Franchises and genres: the small vocabularies games refer to. */
public final class CatalogService {
    private final Jdbi jdbi;
    private final Clock clock;

    public CatalogService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    List<Franchise> franchises() {
        return jdbi.withExtension(FranchiseDao.class, FranchiseDao::list);
    }

    List<Genre> genres() {
        return jdbi.withExtension(GenreDao.class, GenreDao::list);
    }

    Optional<Franchise> franchise(String slug) {
        return jdbi.withExtension(FranchiseDao.class, dao -> dao.findBySlug(slug));
    }

    Optional<Genre> genre(String slug) {
        return jdbi.withExtension(GenreDao.class, dao -> dao.findBySlug(slug));
    }

    /** A given slug must be free (else a conflict); without one the name's slug gets a numeric suffix if taken. */
    public Franchise createFranchise(CreateFranchiseRequest request) {
        return write(h -> {
            var franchises = h.attach(FranchiseDao.class);
            Instant now = now();
            if (request.slug() != null) {
                return franchises.insert(request.name(), request.slug(), now).orElseThrow(() ->
                        new ConflictException("slug", "another franchise already has this slug"));
            }
            return SlugAllocator.insert(Slugs.slugify(request.name(), "franchise"), franchises::slugsLike,
                    slug -> franchises.insert(request.name(), slug, now));
        });
    }

    Genre createGenre(CreateGenreRequest request) {
        return write(h -> {
            var genres = h.attach(GenreDao.class);
            UUID parentId = null;
            if (request.parent() != null) {
                parentId = genres.findBySlug(request.parent()).map(Genre::id).orElseThrow(() ->
                        InvalidInputException.of(422, "parent", "no genre has the slug '" + request.parent() + "'"));
            }
            Instant now = now();
            UUID parent = parentId;
            if (request.slug() != null) {
                return genres.insert(request.name(), request.slug(), request.igdbId(), parent, now).orElseThrow(() ->
                        new ConflictException("slug", "another genre already has this slug"));
            }
            return SlugAllocator.insert(Slugs.slugify(request.name(), "genre"), genres::slugsLike,
                    slug -> genres.insert(request.name(), slug, request.igdbId(), parent, now));
        });
    }

    private <T> T write(HandleCallback<T, RuntimeException> work) {
        return ConflictException.inTransaction(jdbi, work);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
