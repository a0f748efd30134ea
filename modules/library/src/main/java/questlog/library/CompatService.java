package questlog.library;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The reads of the original Questlog API: works (our games) and editions, in its orders. */
final class CompatService {

    /** A work with its editions, earliest release first. */
    record WorkDetails(Game game, List<Edition> editions) {}

    private final Jdbi jdbi;

    CompatService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Game> works(String franchiseSlug, long limit, long offset) {
        return jdbi.withExtension(GameDao.class, dao -> dao.listWorks(franchiseSlug, limit, offset));
    }

    Optional<WorkDetails> work(String slug) {
        return jdbi.inTransaction(h -> h.attach(GameDao.class).findBySlug(slug).map(game -> details(h, game)));
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
                .flatMap(edition -> h.attach(GameDao.class).findById(edition.gameId()))
                .map(game -> details(h, game)));
    }

    private static WorkDetails details(Handle h, Game game) {
        return new WorkDetails(game, h.attach(EditionDao.class).forGame(game.id()));
    }
}
