package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import questlog.common.ApiOperation;
import questlog.library.LibraryModule;
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
            this.library = new LibraryModule(jdbi, json, clock, config.http().maxImportBytes(), realtime.eventLog());
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

    /**
     * The operations the feature modules describe for the OpenAPI document, one
     * {@code <module>.operations()} per module that has routes (see {@link ApiOperation}).
     */
    List<ApiOperation> moduleOperations() {
        return java.util.stream.Stream.of(library.operations(), realtime.operations()).flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        realtime.close();
        changes.close();
        database.close();
    }
}
