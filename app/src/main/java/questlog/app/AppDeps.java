package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import questlog.common.ApiOperation;
import questlog.journal.JournalModule;
import questlog.library.CatalogDataset;
import questlog.library.GameDirectory;
import questlog.library.LibraryModule;
import questlog.library.igdb.IgdbClient;
import questlog.lists.ListsModule;
import questlog.realtime.RealtimeModule;

/**
 * Everything the HTTP app is made of, built in dependency order: metrics, database (migrated),
 * Jdbi, tokens, the change feed, realtime (whose event log the feature modules write to), then
 * the feature modules; last, the realtime relay starts delivering. Tests build the same thing
 * against their own database with {@link #build(AppConfig)}.
 */
public final class AppDeps implements AutoCloseable {
    final AppConfig config;
    final ObjectMapper json;
    final Clock clock;
    final Metrics metrics;
    final Database database;
    final Jdbi jdbi;
    final ApiTokens tokens;
    final ChangeFeed changes;
    final RealtimeModule realtime;
    final LibraryModule library;
    final JournalModule journal;
    final ListsModule lists;
    final Optional<IgdbClient> igdb;
    final Importer importer;
    final Exporter exporter;

    private AppDeps(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.json = Json.objectMapper();
        this.metrics = new Metrics();
        this.database = Database.open(config.database(), metrics.registry());
        RealtimeModule built = null;
        try {
            database.migrate();
            this.jdbi = database.jdbi(json);
            this.tokens = new ApiTokens(jdbi, clock, config.security().apiKey());
            this.changes = new ChangeFeed(database.url()).start();
            this.realtime = built = new RealtimeModule(jdbi, database.url(), json, config.realtime());
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
                    CatalogAdapters.gameSections(journal, lists), realtime.eventLog(), igdb, null);
            Gauge.builder("questlog_websocket_clients", realtime, RealtimeModule::webSocketClients)
                    .description("WebSocket clients connected to this instance")
                    .register(metrics.registry());
            realtime.start();
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            }
            database.close();
            throw e;
        }
    }

    public static AppDeps build(AppConfig config) {
        return new AppDeps(config, Clock.systemUTC());
    }

    public static AppDeps build(AppConfig config, Clock clock) {
        return new AppDeps(config, clock);
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
        return Stream.of(library.operations(), journal.operations(), lists.operations(), realtime.operations())
                .flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        igdb.ifPresent(IgdbClient::close);
        realtime.close();
        changes.close();
        database.close();
    }
}
