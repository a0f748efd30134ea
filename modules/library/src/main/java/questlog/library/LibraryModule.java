package questlog.library;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Access;
import questlog.common.Bodies;
import questlog.common.ApiOperation;
import questlog.common.CatalogWrites;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameRemoval;
import questlog.common.GameLookup;
import questlog.common.JobHandler;
import questlog.common.Jobs;
import questlog.common.StoreGames;
import questlog.common.dataset.DatasetSection;
import questlog.library.catalog.CatalogService;
import questlog.library.catalog.CatalogWriter;
import questlog.library.catalog.FranchiseController;
import questlog.library.catalog.GameController;
import questlog.library.catalog.GameDirectory;
import questlog.library.catalog.GameService;
import questlog.library.catalog.GenreController;
import questlog.library.compat.CompatService;
import questlog.library.compat.EditionController;
import questlog.library.compat.WorkController;
import questlog.library.dataset.CatalogDataset;
import questlog.library.dataset.LegacyImportRequest;
import questlog.library.dataset.LegacyImportResult;
import questlog.library.dataset.LegacyImporter;
import questlog.library.igdb.IgdbClient;
import questlog.library.igdb.IgdbController;
import questlog.library.igdb.IgdbEnrichment;
import questlog.library.igdb.IgdbGateway;
import questlog.library.igdb.IgdbJob;
import questlog.library.igdb.IgdbMetadata;
import questlog.library.igdb.IgdbSettings;
import questlog.library.igdb.IgdbSync;
import questlog.library.igdb.StoreGameLinker;

/**
 * The library: games (the original API's works), editions, franchises, genres and external ids,
 * the original Questlog's read API over them, IGDB metadata, and the catalog sections of dataset
 * documents. Routes are relative to /api. The other modules see games through {@link #games()}.
 */
public final class LibraryModule implements FeatureModule {
    private static final Logger log = LoggerFactory.getLogger(LibraryModule.class);
    /** The job type of IGDB enrichment, which {@code questlog enrich} queues. */
    public static final String ENRICH_JOB = IgdbEnrichment.TYPE;

    /** The parameters of an enrichment job: a dry run matches and reports without writing. */
    public static Object enrichParams(boolean dryRun) {
        return new IgdbEnrichment.Params(dryRun);
    }

    private final ObjectMapper json;
    private final GameDirectory directory = new GameDirectory();
    private final GameController games;
    private final EditionController editions;
    private final WorkController works;
    private final FranchiseController franchises;
    private final GenreController genres;
    private final IgdbController igdbRoutes;
    private final LegacyImporter legacy;
    private final CatalogWriter writer;
    private final Optional<IgdbClient> igdb;
    private final List<JobHandler> jobHandlers;
    private final List<DatasetSection> datasetSections;
    private final Supplier<List<GameDetailSection<?>>> detailSections;
    private final StoreGameLinker storeGames;

    /**
     * The library on its own (tests): no IGDB, no jobs, game details without other modules'
     * sections, nothing private.
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, EventLog events) {
        this(jdbi, json, clock, events, null, Optional.empty(), ctx -> false, List::of, List::of);
    }

    /**
     * As app builds it. {@code jobs} queues the re-sync and enrichment jobs, whose handlers
     * {@link #jobHandlers()} hands to app; {@code igdb} is empty when no IGDB credentials are
     * configured (IGDB-only routes then answer 503); {@code seesPrivate} tells whether a request
     * may see private things; {@code detailSections} are the other modules' members of a game's
     * detail, and {@code removals} what the other modules remove with a game, both known once
     * every module is built.
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, EventLog events, Jobs jobs,
                         Optional<IgdbSettings> igdb, Predicate<Context> seesPrivate,
                         Supplier<List<GameDetailSection<?>>> detailSections, Supplier<List<GameRemoval>> removals) {
        this.json = json;
        this.detailSections = detailSections;
        // One IGDB client per process: its rate limiter and in-flight cap must see every caller.
        this.igdb = igdb.map(settings -> new IgdbClient(settings, jdbi, json, clock));
        var gameService = new GameService(jdbi, clock, detailSections, removals, events);
        var catalog = new CatalogService(jdbi, clock);
        var compat = new CompatService(jdbi);
        this.writer = new CatalogWriter(gameService, clock, this.igdb);
        var gateway = new IgdbGateway(this.igdb);
        var metadata = new IgdbMetadata(json);
        this.games = new GameController(gameService, json, seesPrivate, gateway);
        this.igdbRoutes = new IgdbController(jdbi, gateway, jobs);
        this.jobHandlers = List.of(
                new IgdbJob(IgdbSync.TYPE, this.igdb.map(c -> new IgdbSync(jdbi, c, metadata, events, clock))),
                new IgdbJob(IgdbEnrichment.TYPE, this.igdb.map(c -> new IgdbEnrichment(jdbi, c, metadata, events, clock))));
        this.editions = new EditionController(compat, gameService, json);
        this.works = new WorkController(compat);
        this.franchises = new FranchiseController(catalog, json);
        this.genres = new GenreController(catalog, json);
        this.legacy = new LegacyImporter(jdbi, clock, events);
        this.storeGames = new StoreGameLinker(jdbi, this.igdb, metadata, gameService, events, clock);
        this.datasetSections = new CatalogDataset(events).sections();
    }

    @Override
    public String name() {
        return "library";
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            path("games", () -> {
                get(games::list, Access.READ);
                post(games::create, Access.WRITE);
                path("{slug}", () -> {
                    get(games::get, Access.READ);
                    patch(games::update, Access.WRITE);
                    delete(games::delete, Access.WRITE);
                    post("editions", editions::create, Access.WRITE);
                    put("sync", igdbRoutes::sync, Access.WRITE);
                });
            });
            // A proxy of IGDB's search for an admin form; writers only, since every call spends IGDB quota.
            get("igdb/search", igdbRoutes::search, Access.WRITE);
            path("franchises", () -> {
                get(franchises::list, Access.READ);
                post(franchises::create, Access.WRITE);
                get("{slug}", franchises::get, Access.READ);
            });
            path("genres", () -> {
                get(genres::list, Access.READ);
                post(genres::create, Access.WRITE);
                get("{slug}", genres::get, Access.READ);
            });
            // The original Questlog's read API.
            path("works", () -> {
                get(works::list, Access.READ);
                get("{slug}", works::get, Access.READ);
            });
            path("editions", () -> {
                get(editions::list, Access.READ);
                get("{slug}", editions::get, Access.READ);
                get("by-twitch/{id}", editions::getWorkByTwitchCategory, Access.READ);
            });
        };
    }

    /** The routes above as the OpenAPI document describes them; the game detail shows every module's section. */
    @Override
    public List<ApiOperation> operations() {
        return LibraryApi.operations(detailSections.get());
    }

    /**
     * The library's background jobs ({@code igdb_sync}, {@code igdb_enrich}). Registered with or
     * without IGDB credentials, so a job queued earlier is still picked up; without them it fails
     * saying which variables to set.
     */
    @Override
    public List<JobHandler> jobHandlers() {
        return jobHandlers;
    }

    @Override
    public List<DatasetSection> datasetSections() {
        return datasetSections;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.GAME_ADDED, EventTypes.GAME_UPDATED, EventTypes.GAME_REMOVED);
    }

    /** Games found or created for a store's ids (a Steam library sync), for other modules. */
    public StoreGames storeGames() {
        return storeGames;
    }

    /** Games and editions as the other modules see them. */
    public GameLookup games() {
        return directory;
    }

    /** Lookups and creates of franchises and games for importers, on their own transaction. */
    public CatalogWrites writes() {
        return writer;
    }

    /** The IGDB client, when IGDB is configured: for app's metrics. */
    public Optional<IgdbClient> igdb() {
        return igdb;
    }

    /**
     * Imports the original Questlog's {@code {franchises, works, editions}} body with the
     * original's semantics (see {@link LegacyImporter}). A body of the wrong shape is Jackson's
     * exception (a 400); broken rules a 422, text that cannot be stored as sent included (checked
     * as every request body's, {@link Bodies#checkTexts}); a colliding concurrent write a
     * {@link questlog.common.dataset.ImportConflictException}.
     */
    public LegacyImportResult importLegacy(JsonNode body, boolean dryRun) throws JsonProcessingException {
        Bodies.checkTexts(body);
        return legacy.importBody(json.treeToValue(body, LegacyImportRequest.class), dryRun);
    }

    /** Gets the IGDB token ready in the background: start-up does not wait, and a refused secret shows in the log at once. */
    @Override
    public void start() {
        igdb.ifPresent(client -> Thread.ofVirtual().name("igdb-warm-up").start(() -> {
            try {
                client.warmUp();
            } catch (RuntimeException e) {
                log.warn("IGDB warm-up failed: {}", e.getMessage());
            }
        }));
    }

    @Override
    public void close() {
        igdb.ifPresent(IgdbClient::close);
    }
}
