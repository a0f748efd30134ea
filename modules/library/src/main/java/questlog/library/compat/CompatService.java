package questlog.library.compat;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.library.catalog.Edition;
import questlog.library.catalog.EditionDao;
import questlog.library.catalog.GameDao;

/** The reads of the original Questlog API: works (our games) and editions, in its orders. */
public final class CompatService {

    /** A work with its editions, earliest release first. */
    record WorkDetails(Work work, List<Edition> editions) {}

    private final Jdbi jdbi;

    public CompatService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Work> works(String franchiseSlug, long limit, long offset) {
        return jdbi.withExtension(GameDao.class, dao -> dao.listWorks(franchiseSlug, limit, offset));
    }

    Optional<WorkDetails> work(String slug) {
        return jdbi.inTransaction(h -> h.attach(GameDao.class).findWorkBySlug(slug).map(work -> details(h, work)));
    }

    List<Edition> editions(String workSlug, long limit, long offset) {
        return jdbi.withExtension(EditionDao.class, dao -> dao.list(workSlug, limit, offset));
    }

    Optional<Edition> edition(String slug) {
        return jdbi.withExtension(EditionDao.class, dao -> dao.findBySlug(slug));
    }

    /** The work owning the edition that streams under this Twitch category. */
    Optional<WorkDetails> workByTwitchCategory(String twitchCategoryId) {
        return jdbi.inTransaction(h -> h.attach(EditionDao.class).findByTwitchCategory(twitchCategoryId)
                .flatMap(edition -> h.attach(GameDao.class).findWorkById(edition.gameId()))
                .map(work -> details(h, work)));
    }

    private static WorkDetails details(Handle h, Work work) {
        return new WorkDetails(work, h.attach(EditionDao.class).forGame(work.id()));
    }
}
