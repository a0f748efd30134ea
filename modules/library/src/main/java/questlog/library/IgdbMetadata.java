package questlog.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.Slugs;
import questlog.library.igdb.IgdbGame;

/**
 * Writes what IGDB says about a game into the catalog, inside the caller's transaction, as the
 * original Questlog mapped it: cover at {@code t_cover_big}, first release date (a UTC date) on
 * the original edition and its year on the game, summary, platforms, genres (created with their
 * IGDB ids when new), franchise, the raw IGDB object in {@code igdb_data}, {@code last_synced_at}.
 *
 * <p>Two modes. {@link Mode#FILL} (enrichment) only fills what is empty and links genres only to
 * a game that has none, so a user's own edits survive. {@link Mode#REFRESH} (an explicit re-sync)
 * overwrites the IGDB-sourced columns and adds IGDB's genres to the game's; the name, slug and
 * anything IGDB does not know are never touched, and nothing is removed.
 */
final class IgdbMetadata {

    enum Mode { FILL, REFRESH }

    private final ObjectMapper json;

    IgdbMetadata(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Applies {@code igdb} to game {@code gameId}; returns the names of the fields that changed
     * (for the {@code game_updated} event), empty when nothing visible did.
     */
    List<String> apply(Handle h, UUID gameId, IgdbGame igdb, Mode mode, Instant now) {
        var games = h.attach(GameDao.class);
        Game before = games.findById(gameId).orElseThrow();
        boolean refresh = mode == Mode.REFRESH;
        List<UUID> genreIds = genreIds(h, igdb.genres(), now);
        UUID franchiseId = igdb.franchise() == null ? null : franchiseId(h, igdb.franchise(), now);
        boolean linkGenres = !genreIds.isEmpty()
                && (refresh || h.createQuery("SELECT count(*) FROM game_genre WHERE game_id = :id")
                        .bind("id", gameId).mapTo(Long.class).one() == 0);
        h.createUpdate("""
                        UPDATE game SET
                            igdb_id = :igdbId,
                            igdb_data = CAST(:data AS jsonb),
                            last_synced_at = :now,
                            summary = CASE WHEN :refresh OR summary IS NULL THEN coalesce(:summary, summary) ELSE summary END,
                            cover_url = CASE WHEN :refresh OR cover_url IS NULL THEN coalesce(:cover, cover_url) ELSE cover_url END,
                            original_release_year = CASE WHEN :refresh OR original_release_year IS NULL
                                THEN coalesce(:year, original_release_year) ELSE original_release_year END,
                            platforms = CASE WHEN (:refresh OR platforms = '{}') AND cardinality(:platforms) > 0
                                THEN :platforms ELSE platforms END,
                            franchise_id = coalesce(franchise_id, :franchiseId),
                            primary_genre_id = CASE WHEN :linkGenres THEN coalesce(primary_genre_id, :primaryGenreId)
                                ELSE primary_genre_id END,
                            updated_at = :now
                        WHERE id = :id""")
                .bind("id", gameId)
                .bind("igdbId", igdb.id())
                .bind("data", raw(igdb))
                .bind("now", now)
                .bind("refresh", refresh)
                .bind("summary", igdb.summary())
                .bind("cover", igdb.coverUrl())
                .bind("year", igdb.releaseYear())
                .bind("platforms", igdb.platforms().toArray(String[]::new))
                .bind("franchiseId", franchiseId)
                .bind("linkGenres", linkGenres)
                .bind("primaryGenreId", genreIds.isEmpty() ? null : genreIds.getFirst())
                .execute();
        int linked = 0;
        if (linkGenres) {
            linked = h.createUpdate("""
                            INSERT INTO game_genre (game_id, genre_id) SELECT :id, unnest(:genres)
                            ON CONFLICT DO NOTHING""")
                    .bind("id", gameId).bind("genres", genreIds.toArray(UUID[]::new)).execute();
        }
        updateOriginalEdition(h, gameId, igdb, refresh, now);
        Game after = games.findById(gameId).orElseThrow();
        return changes(before, after, linked > 0);
    }

    /**
     * The original edition (the game's first {@code original} one) gets the release date, cover,
     * platforms and, when no other edition holds it, the IGDB id.
     */
    private void updateOriginalEdition(Handle h, UUID gameId, IgdbGame igdb, boolean refresh, Instant now) {
        h.createUpdate("""
                        UPDATE edition SET
                            release_date = CASE WHEN :refresh OR release_date IS NULL
                                THEN coalesce(:released, release_date) ELSE release_date END,
                            cover_url = CASE WHEN :refresh OR cover_url IS NULL THEN coalesce(:cover, cover_url) ELSE cover_url END,
                            platforms = CASE WHEN (:refresh OR platforms = '{}') AND cardinality(:platforms) > 0
                                THEN :platforms ELSE platforms END,
                            igdb_id = CASE WHEN igdb_id IS NULL
                                AND NOT EXISTS (SELECT 1 FROM edition other WHERE other.igdb_id = :igdbId)
                                THEN :igdbId ELSE igdb_id END,
                            igdb_data = CAST(:data AS jsonb),
                            last_synced_at = :now,
                            updated_at = :now
                        WHERE id = (SELECT id FROM edition WHERE game_id = :gameId AND edition_type = 'original'
                                    ORDER BY created_at, id LIMIT 1)""")
                .bind("gameId", gameId)
                .bind("refresh", refresh)
                .bind("released", igdb.firstReleaseDate())
                .bind("cover", igdb.coverUrl())
                .bind("platforms", igdb.platforms().toArray(String[]::new))
                .bind("igdbId", igdb.id())
                .bind("data", raw(igdb))
                .bind("now", now)
                .execute();
    }

    /**
     * Ids of IGDB's genres in the catalog: by IGDB id; else a genre of the same slug without an
     * IGDB id adopts it (a hand-made "Puzzle" becomes IGDB's Puzzle); else a new genre.
     */
    List<UUID> genreIds(Handle h, List<IgdbGame.Named> genres, Instant now) {
        List<UUID> ids = new ArrayList<>();
        for (IgdbGame.Named genre : genres) {
            Optional<UUID> known = h.createQuery("SELECT id FROM genre WHERE igdb_id = :igdbId")
                    .bind("igdbId", genre.id()).mapTo(UUID.class).findOne();
            if (known.isEmpty()) {
                known = h.createQuery("""
                                UPDATE genre SET igdb_id = :igdbId, updated_at = :now
                                WHERE slug = :slug AND igdb_id IS NULL RETURNING id""")
                        .bind("igdbId", genre.id()).bind("slug", genre.slug()).bind("now", now)
                        .mapTo(UUID.class).findOne();
            }
            UUID id = known.orElseGet(() -> SlugAllocator.insert(genre.slug(), h.attach(GenreDao.class)::slugsLike,
                    slug -> h.attach(GenreDao.class).insert(genre.name(), slug, genre.id(), null, now)).id());
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The franchise of that name's slug, created when missing (franchises carry no IGDB id). */
    UUID franchiseId(Handle h, IgdbGame.Named franchise, Instant now) {
        var franchises = h.attach(FranchiseDao.class);
        String slug = Slugs.slugify(franchise.name(), franchise.slug());
        return franchises.findBySlug(slug).map(Franchise::id)
                .orElseGet(() -> franchises.insert(franchise.name(), slug, now)
                        .or(() -> franchises.findBySlug(slug)).orElseThrow().id());
    }

    private String raw(IgdbGame igdb) {
        try {
            return json.writeValueAsString(igdb.raw());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an IGDB object read as JSON writes back as JSON", e);
        }
    }

    private static List<String> changes(Game before, Game after, boolean genresLinked) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.igdbId(), after.igdbId())) {
            changed.add("igdb_id");
        }
        if (!Objects.equals(before.summary(), after.summary())) {
            changed.add("summary");
        }
        if (!Objects.equals(before.coverUrl(), after.coverUrl())) {
            changed.add("cover_url");
        }
        if (!Objects.equals(before.originalReleaseYear(), after.originalReleaseYear())) {
            changed.add("original_release_year");
        }
        if (!Objects.equals(before.platforms(), after.platforms())) {
            changed.add("platforms");
        }
        if (!Objects.equals(before.franchiseId(), after.franchiseId())) {
            changed.add("franchise");
        }
        if (genresLinked || !Objects.equals(before.primaryGenreId(), after.primaryGenreId())) {
            changed.add("genres");
        }
        return changed;
    }
}
