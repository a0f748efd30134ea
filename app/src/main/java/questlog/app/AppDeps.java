package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameRemoval;
import questlog.common.HealthCheck;
import questlog.common.JobHandler;
import questlog.common.dataset.DatasetExporter;
import questlog.common.dataset.DatasetImporter;
import questlog.common.dataset.DatasetSection;
import questlog.importers.ImportersModule;
import questlog.jobs.JobsModule;
import questlog.journal.JournalModule;
import questlog.library.LibraryModule;
import questlog.library.igdb.IgdbClient;
import questlog.lists.ListsModule;
import questlog.mcp.McpModule;
import questlog.overlay.OverlayModule;
import questlog.profiles.PluginEnvironment;
import questlog.profiles.ProfilesModule;
import questlog.profiles.steam.SteamClient;
import questlog.profiles.steam.SteamPlugin;
import questlog.profiles.steam.sync.SteamLibrary;
import questlog.realtime.RealtimeModule;
import questlog.common.Json;

/**
 * Everything the HTTP app is made of, built in dependency order: metrics, database (migrated),
 * Jdbi, tokens, the change feed, realtime (whose event log every module writes to) and jobs
 * (which modules submit work to), then {@link #modules}, the one ordered list of modules that
 * app loops over for routes, OpenAPI, jobs, dataset sections, game-detail sections, event types,
 * the read cache and readiness. Last, the job runner starts with every module's handlers and
 * every module starts its background work ({@code serve} runs that beside the HTTP server's
 * start). Tests build the same thing against their own database with {@link #build(AppConfig)}.
 * A command builds a headless variant with {@link #forCommand}.
 */
public final class AppDeps implements AutoCloseable {

    /** What runs in this process besides the modules. */
    enum Mode {
        /** {@code serve}: the relay, the change feed, the job runner, the IGDB token warm-up. */
        SERVER,
        /**
         * A command (import, export, ...): none of those. Its events wait in the outbox for the
         * running server's relay, or the next one's; it uses the running server's embedded database.
         */
        COMMAND,
        /** A command that works on background jobs itself ({@code enrich}): the job runner and IGDB too. */
        COMMAND_RUNNING_JOBS
    }

    final AppConfig config;
    final ObjectMapper json;
    final Clock clock;
    final Metrics metrics;
    final Database database;
    final Jdbi jdbi;
    final ApiTokens tokens;
    final ChangeFeed changes;
    final RealtimeModule realtime;
    final JobsModule jobs;
    final LibraryModule library;
    /** The Steam Web API client, when STEAM_API_KEY is set. */
    final Optional<SteamClient> steam;
    /** The Steam library sync ({@code questlog sync steam} submits through it). */
    final SteamLibrary steamLibrary;
    /** Every module, in order: document and detail sections follow this order. */
    final List<FeatureModule> modules;
    final DatasetImporter importer;
    final DatasetExporter exporter;
    /** Checks that every handler reads the body type its OpenAPI operation documents. */
    final BodyContract bodyContract;

    private final Mode mode;
    private final List<JobHandler> extraJobHandlers;

    private AppDeps(AppConfig config, Clock clock, List<JobHandler> extraJobHandlers, Mode mode) {
        this(config, clock, extraJobHandlers, mode, true);
    }

    /** {@code startNow} false: {@link #startBackgroundWork} is the caller's (the server's start runs it beside the HTTP server's). */
    private AppDeps(AppConfig config, Clock clock, List<JobHandler> extraJobHandlers, Mode mode, boolean startNow) {
        this.mode = mode;
        this.extraJobHandlers = List.copyOf(extraJobHandlers);
        this.config = config;
        this.clock = clock;
        this.json = Json.objectMapper();
        this.metrics = new Metrics();
        this.database = Database.open(config.database(), mode == Mode.SERVER ? Database.Role.SERVER : Database.Role.COMMAND,
                metrics.registry());
        List<FeatureModule> built = new ArrayList<>();
        try {
            if (mode == Mode.SERVER) {
                database.migrate();
            } else {
                // A command builds its modules, and an import reads its document, meanwhile; the
                // first connection waits for the schema.
                database.migrateInBackground();
            }
            this.jdbi = database.jdbi(json);
            this.tokens = new ApiTokens(jdbi, clock, config.security().apiKey());
            this.changes = new ChangeFeed(database.url(), jdbi);
            if (mode == Mode.SERVER) {
                changes.start();
            }
            // A command publishes nothing itself, so it needs no Redis connection.
            this.realtime = add(built, new RealtimeModule(jdbi, database.url(), json,
                    mode == Mode.SERVER ? config.realtime() : config.realtime().withoutRedis(),
                    config.security().secretBox()));
            this.jobs = add(built, new JobsModule(jdbi, database.dataSource(), json, clock, realtime.eventLog(),
                    config.jobs()));
            EventLog events = realtime.eventLog();
            this.library = add(built, new LibraryModule(jdbi, json, clock, events, jobs.jobs(), config.igdb(),
                    Auth::isReader, this::gameDetailSections, this::gameRemovals));
            JournalModule journal = add(built, new JournalModule(jdbi, json, clock, library.games(), events));
            // One Steam client per process: its rate limiter must see every caller.
            this.steam = config.steam().map(SteamClient::new);
            this.steamLibrary = new SteamLibrary(jdbi, json, steam, library.storeGames(),
                    journal.sourcedPlaytime(), jobs.jobs());
            ListsModule lists = add(built, new ListsModule(jdbi, json, clock, library.games(), Auth::isReader, events));
            // What every profile plugin that builds itself from the configuration is given.
            PluginEnvironment plugins = new PluginEnvironment(config.environment(), config.security().secretBox(), clock);
            // The one list. A new module is one more line here; the library comes first, since the
            // others' dataset sections refer to games, and realtime and jobs last (no sections).
            this.modules = List.of(
                    library,
                    journal,
                    lists,
                    add(built, new ProfilesModule(jdbi, json, clock, library.games(), events, jobs.jobs(), List.of(
                            // One line per profile plugin.
                            questlog.profiles.ffxiv.FfxivPlugin.fromEnvironment(plugins),
                            questlog.profiles.destiny.DestinyPlugin.fromEnvironment(plugins),
                            questlog.profiles.poe.PoePlugin.fromEnvironment(plugins),
                            new SteamPlugin(steam)), steamLibrary)),
                    add(built, new McpModule(json, OpenApi.build().getProperty("version"))),
                    add(built, new OverlayModule()),
                    add(built, new ImportersModule(jdbi, json, library.games(), library.writes(), journal.writes(),
                            lists.writes(), events)),
                    realtime,
                    jobs);
            List<DatasetSection> sections = modules.stream().flatMap(m -> m.datasetSections().stream()).toList();
            // A server's own import never loads in bulk: that would make its readers wait (BulkLoad).
            this.importer = new DatasetImporter(jdbi, json, clock, sections,
                    mode == Mode.SERVER ? Integer.MAX_VALUE : DatasetImporter.BULK_LOAD_FROM);
            this.exporter = new DatasetExporter(jdbi, json, sections);
            this.bodyContract = new BodyContract(allOperations());
            Gauge.builder("questlog_websocket_clients", realtime, RealtimeModule::webSocketClients)
                    .description("WebSocket clients connected to this instance")
                    .register(metrics.registry());
            library.igdb().ifPresent(client -> registerIgdbMeters(client, metrics.registry()));
            metrics.gaugesByKey("questlog_relay_lag_events",
                    "Events committed but not yet delivered, per channel (websocket, redis, webhook:<id>)", "channel",
                    realtime::relayLag);
            metrics.gaugesByKey("questlog_jobs", "Background jobs per state", "state", jobs::countsByState);
            if (startNow) {
                startBackgroundWork();
            }
        } catch (RuntimeException e) {
            closeAll(built.reversed());
            database.close();
            throw e;
        }
    }

    /**
     * Starts the job runner (not for a plain command) and, in a server, every module's background
     * work (the relay, the IGDB token warm-up, ...), which is the server's alone.
     */
    void startBackgroundWork() {
        if (mode != Mode.COMMAND) {
            List<JobHandler> handlers = new ArrayList<>(extraJobHandlers);
            modules.forEach(m -> handlers.addAll(m.jobHandlers()));
            jobs.start(handlers);
        }
        if (mode == Mode.SERVER) {
            modules.forEach(FeatureModule::start);
        }
    }

    private static <M extends FeatureModule> M add(List<FeatureModule> built, M module) {
        built.add(module);
        return module;
    }

    /** What the IGDB client did, on /metrics (counters; Prometheus adds _total). */
    private static void registerIgdbMeters(IgdbClient client, MeterRegistry registry) {
        FunctionCounter.builder("questlog_igdb_queries", client, IgdbClient::upstreamCalls)
                .description("IGDB queries sent (cache hits excluded, retries counted once)").register(registry);
        FunctionCounter.builder("questlog_igdb_http_requests", client, IgdbClient::httpRequests)
                .description("HTTP requests to IGDB, retries included").register(registry);
        FunctionCounter.builder("questlog_igdb_cache_hits", client, IgdbClient::cacheHits)
                .description("IGDB queries answered from the response cache").register(registry);
        FunctionCounter.builder("questlog_igdb_failures", client, IgdbClient::failures)
                .description("IGDB queries that failed after their retries").register(registry);
    }

    public static AppDeps build(AppConfig config) {
        return new AppDeps(config, Clock.systemUTC(), List.of(), Mode.SERVER);
    }

    /** A server's, with its background work left to {@link #startBackgroundWork} ({@code questlog serve}). */
    static AppDeps buildForServe(AppConfig config) {
        return new AppDeps(config, Clock.systemUTC(), List.of(), Mode.SERVER, false);
    }

    public static AppDeps build(AppConfig config, Clock clock) {
        return new AppDeps(config, clock, List.of(), Mode.SERVER);
    }

    /** With job handlers besides the modules' own: for tests that need a job to run. */
    static AppDeps build(AppConfig config, Clock clock, List<JobHandler> extraJobHandlers) {
        return new AppDeps(config, clock, extraJobHandlers, Mode.SERVER);
    }

    /** For a command line command ({@link Mode#COMMAND}, or {@link Mode#COMMAND_RUNNING_JOBS} when {@code runsJobs}). */
    static AppDeps forCommand(AppConfig config, boolean runsJobs) {
        return new AppDeps(config, Clock.systemUTC(), List.of(), runsJobs ? Mode.COMMAND_RUNNING_JOBS : Mode.COMMAND);
    }

    public AppConfig config() {
        return config;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public LibraryModule library() {
        return library;
    }

    public RealtimeModule realtime() {
        return realtime;
    }

    public JobsModule jobs() {
        return jobs;
    }

    /** Every module's operations for the OpenAPI document, in module order. */
    List<ApiOperation> moduleOperations() {
        return modules.stream().flatMap(m -> m.operations().stream()).toList();
    }

    /** app's own operations, then the modules'. */
    List<ApiOperation> allOperations() {
        List<ApiOperation> all = new ArrayList<>(OpenApiAppRoutes.operations());
        all.addAll(moduleOperations());
        return all;
    }

    /** Every module's members of a game's detail, in module order (the library asks for them per request). */
    List<GameDetailSection<?>> gameDetailSections() {
        return modules == null ? List.of() : modules.stream().flatMap(m -> m.gameDetailSections().stream()).toList();
    }

    /** What the modules remove with a game, in module order (the library calls them in its delete). */
    List<GameRemoval> gameRemovals() {
        return modules == null ? List.of() : modules.stream().flatMap(m -> m.gameRemovals().stream()).toList();
    }

    /** Paths no module wants served from the read cache. */
    List<String> uncachedPaths() {
        return modules.stream().flatMap(m -> m.uncachedPaths().stream()).toList();
    }

    /** Every module's readiness checks. */
    List<HealthCheck> healthChecks() {
        return modules.stream().flatMap(m -> m.healthChecks().stream()).toList();
    }

    public List<FeatureModule> modules() {
        return modules;
    }

    @Override
    public void close() {
        // Jobs first: their handlers still write (checkpoints, events) and call IGDB while they wind down.
        jobs.close();
        closeAll(modules.reversed().stream().filter(m -> m != jobs).toList());
        steam.ifPresent(SteamClient::close);
        changes.close();
        database.close();
    }

    private static void closeAll(List<FeatureModule> modules) {
        for (FeatureModule module : modules) {
            module.close();
        }
    }
}
