package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import questlog.common.JobHandler;
import questlog.testsupport.TestDatabase;
import questlog.common.Json;

/**
 * The real app, built by {@link AppDeps} and {@link App#create}, on a fresh database and a free
 * port, with a plain JDK HTTP client:
 * <pre>{@code @RegisterExtension static final TestApp app = new TestApp();}</pre>
 * A write token is issued at start ({@link #writeToken()}); {@link #post}, {@link #patch},
 * {@link #put} and {@link #delete} send it unless told otherwise.
 */
final class TestApp implements BeforeAllCallback, AfterAllCallback {
    static final ObjectMapper JSON = Json.objectMapper();

    private final Map<String, String> env;
    private final Clock clock;
    private final TestDatabase db;
    private final boolean ownsDatabase;
    private final List<JobHandler> jobHandlers;
    private AppConfig config;
    private AppDeps deps;
    private Javalin server;
    private HttpClient http;
    private String writeToken;

    TestApp() {
        this(Map.of());
    }

    /** Extra environment, e.g. {@code Map.of("QUESTLOG_PRIVATE", "true")}. */
    TestApp(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /** Extra environment and the clock the app reads (e.g. {@link TickingClock}). */
    TestApp(Map<String, String> env, Clock clock) {
        this(env, clock, new TestDatabase(), true);
    }

    private TestApp(Map<String, String> env, Clock clock, TestDatabase db, boolean ownsDatabase,
                    List<JobHandler> jobHandlers) {
        this.env = env;
        this.clock = clock;
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.jobHandlers = jobHandlers;
    }

    private TestApp(Map<String, String> env, Clock clock, TestDatabase db, boolean ownsDatabase) {
        this(env, clock, db, ownsDatabase, List.of());
    }

    /** The app with these background job handlers registered besides the modules' own. */
    static TestApp withJobHandlers(Map<String, String> env, JobHandler... handlers) {
        return new TestApp(env, Clock.systemUTC(), new TestDatabase(), true, List.of(handlers));
    }

    /**
     * Another instance of the app on {@code first}'s database, as a second server behind a load
     * balancer would be; register it after {@code first} so that it starts later and stops earlier.
     */
    static TestApp sharingDatabaseWith(TestApp first, Map<String, String> env) {
        return new TestApp(env, first.clock, first.db, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    TestApp start() {
        if (ownsDatabase) {
            db.start();
        }
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("PORT", "0");
        AppConfig base = offlinePlugins(AppConfig.fromEnv(all));
        config = base.withDatabase(
                new AppConfig.DatabaseConfig(Optional.of(db.url()), base.database().dataDir(), 6));
        deps = AppDeps.build(config, clock, jobHandlers);
        server = App.create(deps).start("127.0.0.1", 0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        writeToken = deps.tokens().create(ownsDatabase ? "tests" : "tests-" + server.port(), List.of("read", "write")).secret();
        return this;
    }

    /**
     * A plugin that needs no credentials would reach its real service on a scheduled sync. Plugins
     * read their services' addresses from their own {@code *_BASE_URL} settings through the
     * configuration's environment: every one a test did not give points at a closed local port.
     */
    static AppConfig offlinePlugins(AppConfig config) {
        java.util.function.Function<String, String> given = config.environment();
        return new AppConfig(config.http(), config.database(), config.security(), config.cache(), config.logFormat(),
                config.realtime(), config.jobs(), config.igdb(), config.steam(), name -> {
                    String value = given.apply(name);
                    return value == null && name.endsWith("_BASE_URL") ? "http://127.0.0.1:9/" : value;
                });
    }

    /** The Jetty server under the app (its thread pool, connectors and handlers). */
    org.eclipse.jetty.server.Server jetty() {
        return server.jettyServer().server();
    }

    /** Requests the server is handling right now, as its graceful-shutdown handler counts them. */
    long requestsInFlight() {
        var graceful = server.jettyServer().server()
                .getDescendant(org.eclipse.jetty.server.handler.GracefulHandler.class);
        return graceful == null ? 0 : graceful.getCurrentRequestCount();
    }

    /** Stops the HTTP server only (graceful: requests in flight finish), keeping the database. */
    void stopServer() {
        server.stop();
    }

    /**
     * Stops this instance as the process would on SIGTERM (the server, then everything it ran) and
     * starts a new one on the same port and database, as a restarted process would. Tokens stay.
     */
    void restart() {
        restart(() -> { });
    }

    /** {@link #restart()}, running {@code whileDown} between the server's stop and the new start. */
    void restart(Runnable whileDown) {
        int port = server.port();
        server.stop();
        whileDown.run();
        deps.close();
        deps = AppDeps.build(config, clock, jobHandlers);
        server = App.create(deps).start("127.0.0.1", port);
    }

    void stop() {
        if (server != null) {
            server.stop();
        }
        if (deps != null) {
            deps.close();
        }
        if (ownsDatabase) {
            db.close();
        }
    }

    AppDeps deps() {
        return deps;
    }

    TestDatabase database() {
        return db;
    }

    String writeToken() {
        return writeToken;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The event stream socket, with an optional query such as {@code "since=10"}. */
    String wsUrl(String query) {
        return "ws://127.0.0.1:" + server.port() + App.EVENTS_SOCKET + "/" + (query.isEmpty() ? "" : "?" + query);
    }

    /** Commits one event through the realtime module's outbox, as a module's write would; returns its id. */
    long appendEvent(String type, Object payload) {
        return deps.jdbi().inTransaction(h -> {
            deps.realtime().eventLog().append(h, type, payload);
            return h.createQuery("SELECT currval('event_id_seq')").mapTo(Long.class).one();
        });
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, "Authorization", "Bearer " + writeToken);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, "Authorization", "Bearer " + writeToken);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body, "Authorization", "Bearer " + writeToken);
    }

    Response delete(String path) {
        return send("DELETE", path, null, "Authorization", "Bearer " + writeToken);
    }

    /**
     * Any request. {@code body} may be null, a String or byte[] (sent as is) or any object
     * (serialised to JSON). {@code headers} are name/value pairs.
     */
    Response send(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.BodyPublisher publisher;
            if (body == null) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (body instanceof byte[] bytes) {
                publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            } else if (body instanceof String s) {
                publisher = HttpRequest.BodyPublishers.ofString(s);
            } else {
                publisher = HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, publisher);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response; {@link #json()} parses the body. */
    record Response(int status, Map<String, List<String>> headers, byte[] bytes) {
        String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body(), e);
            }
        }

        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
