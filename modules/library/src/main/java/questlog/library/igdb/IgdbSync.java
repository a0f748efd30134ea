package questlog.library.igdb;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameDao;
import questlog.library.catalog.GameEvent;

/**
 * The {@value #TYPE} job behind {@code PUT /api/games/{slug}/sync}: fetches the game from IGDB
 * afresh (bypassing the response cache) and refreshes its IGDB-sourced columns
 * ({@link IgdbMetadata.Mode#REFRESH}). Running it twice is harmless, so a resumed run just
 * starts over.
 */
public final class IgdbSync implements JobHandler {
    public static final String TYPE = "igdb_sync";

    record Params(UUID gameId) {}

    /** The outcome: the game's slug now, its IGDB id and what changed. */
    record Result(String game, long igdbId, List<String> changed) {}

    private final Jdbi jdbi;
    private final IgdbClient igdb;
    private final IgdbMetadata metadata;
    private final EventLog events;
    private final Clock clock;

    public IgdbSync(Jdbi jdbi, IgdbClient igdb, IgdbMetadata metadata, EventLog events, Clock clock) {
        this.jdbi = jdbi;
        this.igdb = igdb;
        this.metadata = metadata;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object run(JobContext context) {
        UUID gameId = context.params(Params.class).gameId();
        Game game = jdbi.withHandle(h -> h.attach(GameDao.class).findById(gameId))
                .orElseThrow(() -> new IllegalStateException("the game was removed before it could be synced"));
        if (game.igdbId() == null) {
            throw new IllegalStateException("the game " + game.slug() + " has no igdb_id any more");
        }
        context.checkStop();
        IgdbGame fetched = igdb.game(game.igdbId(), true);
        return jdbi.inTransaction(h -> {
            Optional<UUID> locked = h.createQuery("SELECT id FROM game WHERE id = :id FOR UPDATE")
                    .bind("id", gameId).mapTo(UUID.class).findOne();
            if (locked.isEmpty()) {
                throw new IllegalStateException("the game was removed while it was being synced");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<String> changed = metadata.apply(h, gameId, fetched, IgdbMetadata.Mode.REFRESH, now);
            Game after = h.attach(GameDao.class).findById(gameId).orElseThrow();
            if (!changed.isEmpty()) {
                events.append(h, EventTypes.GAME_UPDATED, GameEvent.updated(after, changed, after.slug()));
            }
            context.saveCheckpoint(h, new Result(after.slug(), fetched.id(), changed), 1, 1);
            return new Result(after.slug(), fetched.id(), changed);
        });
    }
}
