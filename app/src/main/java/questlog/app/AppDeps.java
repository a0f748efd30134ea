package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import questlog.common.ApiOperation;
import questlog.common.JobHandler;
import questlog.jobs.JobsModule;
import questlog.journal.JournalModule;
import questlog.library.CatalogDataset;
import questlog.library.GameDirectory;
import questlog.library.LibraryModule;
import questlog.library.igdb.IgdbClient;
import questlog.lists.ListsModule;
import questlog.realtime.RealtimeModule;

/**
 * Everything the HTTP app is made of, built in dependency order: metrics, database (migrated),
 * Jdbi, tokens, the change feed, realtime (whose event log the feature modules write to), the
 * jobs module (which feature modules submit work to), then the feature modules; last, the
 * realtime relay starts delivering and the job runner starts with every module's handlers.
 * Tests build the same thing against their own database with {@link #build(AppConfig)}.
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
    final JournalModule journal;
    final ListsModule lists;
    final Optional<IgdbClient> igdb;
    final Importer importer;
    final Exporter exporter;

    private AppDeps(AppConfig config, Clock clock, List<JobHandler> extraJobHandlers, Mode mode) {
        this.config = config;
        this.clock = clock;
        this.json = Json.objectMapper();
        this.metrics = new Metrics();
        this.database = Database.open(config.database(), mode == Mode.SERVER ? Database.Role.SERVER : Database.Role.COMMAND,
                metrics.registry());
        RealtimeModule built = null;
        JobsModule builtJobs = null;
        try {
            database.migrate();
            this.jdbi = database.jdbi(json);
            this.tokens = new ApiTokens(jdbi, clock, config.security().apiKey());
            this.changes = new ChangeFeed(database.url());
            if (mode == Mode.SERVER) {
                changes.start();
            }
            // A command publishes nothing itself, so it needs no Redis connection.
            this.realtime = built = new RealtimeModule(jdbi, database.url(), json,
                    mode == Mode.SERVER ? config.realtime() : config.realtime().withoutRedis());
            this.jobs = builtJobs = new JobsModule(jdbi, database.dataSource(), json, clock, realtime.eventLog(),
                    config.jobs());
            // Journal and lists see the catalog through the library's directory; the library sees
            // their parts of a game's detail, and the importer and exporter span all three. The
            // library, journal and lists record their events through realtime's outbox.
            var directory = new GameDirectory();
            this.journal = new JournalModule(jdbi, json, clock, CatalogAdapters.forJournal(directory), realtime.eventLog());
            this.lists = new ListsModule(jdbi, json, clock, CatalogAdapters.forLists(directory), Auth::isReader,
                    realtime.eventLog());
            var catalogDataset = new CatalogDataset(realtime.eventLog());
            this.importer = new Importer(jdbi, clock, catalogDataset, journal.dataset(), lists.dataset());
            this.exporter = new Exporter(jdbi, json, catalogDataset, journal.dataset(), lists.dataset());
            // One IGDB client per process: its rate limiter and in-flight cap must see every caller.
            this.igdb = config.igdb().map(settings -> new IgdbClient(settings, jdbi, json, clock));
            this.library = new LibraryModule(jdbi, json, clock, config.http().maxImportBytes(), importer,
                    CatalogAdapters.gameSections(journal, lists), realtime.eventLog(), igdb, jobs.jobs());
            Gauge.builder("questlog_websocket_clients", realtime, RealtimeModule::webSocketClients)
                    .description("WebSocket clients connected to this instance")
                    .register(metrics.registry());
            boolean runsJobs = mode != Mode.COMMAND;
            igdb.ifPresent(client -> {
                registerIgdbMeters(client, metrics.registry());
                if (runsJobs) {
                    // In the background: start-up does not wait for Twitch, and a refused secret shows in the log at once.
                    Thread.ofVirtual().name("igdb-warm-up").start(client::warmUp);
                }
            });
            if (mode == Mode.SERVER) {
                realtime.start();
            }
            if (runsJobs) {
                jobs.start(jobHandlers(library, extraJobHandlers));
            }
        } catch (RuntimeException e) {
            if (builtJobs != null) {
                builtJobs.close();
            }
            if (built != null) {
                built.close();
            }
            database.close();
            throw e;
        }
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

    /**
     * Every module's background job handlers, one {@code addAll(<module>.jobHandlers())} per
     * module that has some, plus {@code extra}.
     */
    private static List<JobHandler> jobHandlers(LibraryModule library, List<JobHandler> extra) {
        List<JobHandler> handlers = new ArrayList<>(library.jobHandlers());
        handlers.addAll(extra);
        return handlers;
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

    public JournalModule journal() {
        return journal;
    }

    public ListsModule lists() {
        return lists;
    }

    /**
     * The operations the feature modules describe for the OpenAPI document, one
     * {@code <module>.operations()} per module that has routes (see {@link ApiOperation}).
     */
    List<ApiOperation> moduleOperations() {
        return Stream.of(library.operations(), journal.operations(), lists.operations(), realtime.operations(),
                        jobs.operations())
                .flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        // Jobs first: their handlers still write (checkpoints, events) and call IGDB while they wind down.
        jobs.close();
        igdb.ifPresent(IgdbClient::close);
        realtime.close();
        changes.close();
        database.close();
    }
}
