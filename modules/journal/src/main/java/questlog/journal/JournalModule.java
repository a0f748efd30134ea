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
import org.jdbi.v3.core.Jdbi;
import questlog.common.GameLookup;
import questlog.common.JournalWrites;
import questlog.common.CollectedEvents;
import java.util.Collection;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameRemoval;
import questlog.common.SourcedPlaytime;
import questlog.common.dataset.DatasetSection;

/**
 * The journal: playthroughs, play sessions and stats. Built by app with the one {@link Jdbi},
 * the app's {@link ObjectMapper}, a {@link Clock}, the {@link GameLookup} that answers for the
 * library, and the {@link EventLog} its changes are recorded in (the realtime module's). Its
 * {@code playthroughs} are a section of dataset documents and of every game's detail.
 */
public final class JournalModule implements FeatureModule {
    private final PlaythroughService playthroughs;
    private final SourcedPlaytimeRecorder sourcedPlaytime;
    private final PlaythroughController playthroughController;
    private final StatsController statsController;
    private final PlatformController platformController;
    private final JournalDataset dataset;

    public JournalModule(Jdbi jdbi, ObjectMapper json, Clock clock, GameLookup catalog, EventLog events) {
        this.playthroughs = new PlaythroughService(jdbi, clock, catalog, events);
        this.sourcedPlaytime = new SourcedPlaytimeRecorder(playthroughs, clock, events);
        this.playthroughController = new PlaythroughController(playthroughs, json);
        this.statsController = new StatsController(new StatsService(jdbi, json));
        this.platformController = new PlatformController(jdbi);
        this.dataset = new JournalDataset(catalog, events);
    }

    /** Imported playthroughs for importers, on their own transaction. */
    public JournalWrites writes() {
        return new JournalWrites() {
            @Override
            public Set<String> importedSourceRefs(Handle handle, Collection<String> sourceRefs) {
                return playthroughs.importedSourceRefs(handle, sourceRefs);
            }

            @Override
            public void addImported(Handle handle, List<ImportedPlaythrough> items, CollectedEvents events) {
                playthroughs.addImported(handle, items, events);
            }
        };
    }

    @Override
    public String name() {
        return "journal";
    }

    /** Upstream playtime (a Steam library sync's) on upstream-sourced playthroughs, for other modules. */
    public SourcedPlaytime sourcedPlaytime() {
        return sourcedPlaytime;
    }

    /** The journal's routes, mounted by app inside {@code path("api")}. */
    @Override
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
                    path("sessions/{session}", () -> {
                        get(playthroughController::getSession, Access.READ);
                        patch(playthroughController::updateSession, Access.WRITE);
                        delete(playthroughController::deleteSession, Access.WRITE);
                    });
                });
            });
            get("stats", statsController::get, Access.READ);
            get("platforms", platformController::list, Access.READ);
        };
    }

    /** A game leaving the library takes its playthroughs (and their sessions) with it, each recorded as removed. */
    @Override
    public List<GameRemoval> gameRemovals() {
        return List.of(playthroughs::removeGame);
    }

    @Override
    public List<DatasetSection> datasetSections() {
        return List.of(new PlatformsDataset(), dataset, new PlaySessionsDataset());
    }

    /** The journal's routes for the OpenAPI document. */
    @Override
    public List<ApiOperation> operations() {
        return JournalApi.operations();
    }

    /** A game's playthroughs in its detail, newest completion first, as {@code GET /api/playthroughs} shows them. */
    @Override
    public List<GameDetailSection<?>> gameDetailSections() {
        return List.of(new GameDetailSection<>("playthroughs", PlaythroughResponse.class, PlaythroughReads.OF_GAME,
                (rows, handle, game, seesPrivate) -> PlaythroughReads.ofGame(rows, game)));
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_COMPLETE,
                EventTypes.PLAYTHROUGH_UPDATED);
    }
}
