package questlog.journal;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;

/**
 * The journal: playthroughs, play sessions and stats. Built by app with the one {@link Jdbi},
 * the app's {@link ObjectMapper}, a {@link Clock} and the {@link GameCatalog} that answers for
 * the library, and the {@link EventLog} its changes are recorded in (the realtime module's).
 */
public final class JournalModule {
    private final PlaythroughService playthroughs;
    private final PlaythroughController playthroughController;
    private final StatsController statsController;
    private final JournalDataset dataset;

    public JournalModule(Jdbi jdbi, ObjectMapper json, Clock clock, GameCatalog catalog, EventLog events) {
        this.playthroughs = new PlaythroughService(jdbi, clock, catalog, events);
        this.playthroughController = new PlaythroughController(playthroughs, json);
        this.statsController = new StatsController(new StatsService(jdbi, json));
        this.dataset = new JournalDataset(catalog);
    }

    /** The journal's routes, mounted by app inside {@code path("api")}. */
    public EndpointGroup routes() {
        return () -> {
            path("games/{slug}/playthroughs", () -> {
                get(playthroughController::listOfGame, Access.READ);
                post(playthroughController::create, Access.WRITE);
            });
            path("playthroughs", () -> {
                get(playthroughController::list, Access.READ);
                path("{id}", () -> {
                    get(playthroughController::get, Access.READ);
                    patch(playthroughController::update, Access.WRITE);
                    delete(playthroughController::delete, Access.WRITE);
                    post("sessions", playthroughController::addSession, Access.WRITE);
                    get("sessions/{session}", playthroughController::getSession, Access.READ);
                });
            });
            get("stats", statsController::get, Access.READ);
        };
    }

    /** The journal's part of dataset imports and exports (the playthroughs section). */
    public JournalDataset dataset() {
        return dataset;
    }

    /** The journal's routes for the OpenAPI document. */
    public List<ApiOperation> operations() {
        return JournalApi.operations();
    }

    /**
     * Every playthrough of one game, newest completion first, as {@code GET /api/playthroughs}
     * shows them; read on the caller's handle. For the game detail.
     */
    public List<?> playthroughsOfGame(Handle handle, UUID gameId) {
        return playthroughs.ofGame(handle, gameId);
    }
}
