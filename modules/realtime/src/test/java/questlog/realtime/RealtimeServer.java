package questlog.realtime;

import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import questlog.common.Access;
import questlog.common.InvalidInputException;
import questlog.common.SecretBox;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestHttp;

/**
 * The realtime module mounted the way app mounts it ({@code /api} routes, the socket at
 * {@code /ws/questlog}), on a free port, against a test database. Several may share one database,
 * like app instances do.
 */
final class RealtimeServer implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Jdbi jdbi;
    final RealtimeModule module;
    final Javalin app;

    /** A test key for webhook secrets, so webhooks with secrets can be registered. */
    static final SecretBox SECRETS = new SecretBox(SecretBox.Key.parse("T3VyIHRlc3Qga2V5IGZvciB3ZWJob29rIHNlY3JldHM="),
            List.of());

    RealtimeServer(TestDatabase db, RealtimeModule.Settings settings) {
        this(db, settings, Optional.of(SECRETS), WebhookTargets.SYSTEM_DNS);
    }

    /** With the key (or none) of webhook secrets, and a resolver that gives webhook host names fixed addresses. */
    RealtimeServer(TestDatabase db, RealtimeModule.Settings settings, Optional<SecretBox> secrets,
                   WebhookTargets.Resolver resolver) {
        this(db, settings, secrets, resolver, true);
    }

    /** Listening, with the module not started yet, as app is for a moment while it starts; {@code module.start()} goes on. */
    static RealtimeServer listeningBeforeStart(TestDatabase db, RealtimeModule.Settings settings) {
        return new RealtimeServer(db, settings, Optional.of(SECRETS), WebhookTargets.SYSTEM_DNS, false);
    }

    private RealtimeServer(TestDatabase db, RealtimeModule.Settings settings, Optional<SecretBox> secrets,
                           WebhookTargets.Resolver resolver, boolean startModule) {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        module = new RealtimeModule(jdbi, db.url(), TestJson.MAPPER, settings, secrets, resolver);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(TestJson.MAPPER, false));
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyWebSocketServletFactory(module.websocketFactory("/ws/questlog"));
            config.events.serverStopping(module::closeSockets);
            config.routes.exception(InvalidInputException.class, (e, ctx) ->
                    ctx.status(e.status()).json(Map.of("detail", e.getMessage(), "errors", e.errors())));
            config.routes.apiBuilder(() -> {
                path("api", module.routes());
                io.javalin.apibuilder.ApiBuilder.ws("/ws/questlog", module.websocket(), Access.READ);
            });
        }).start("127.0.0.1", 0);
        if (startModule) {
            module.start();
        }
    }

    /** Short waits; webhooks may target the local receivers (on 127.0.0.1). */
    static RealtimeModule.Settings fast() {
        RealtimeModule.Settings d = RealtimeModule.Settings.defaults();
        return new RealtimeModule.Settings(d.redisUrl(), d.redisChannel(), Duration.ofSeconds(30), d.clientQueueLimit(),
                Duration.ofSeconds(30), Duration.ofMillis(200), 3, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofSeconds(2), true);
    }

    /** Commits one event (as a module's write would) and returns its id. */
    long append(String type, Object payload) {
        return jdbi.inTransaction(h -> {
            module.eventLog().append(h, type, payload);
            return h.createQuery("SELECT currval('event_id_seq')").mapTo(Long.class).one();
        });
    }

    String wsUrl(String query) {
        return "ws://127.0.0.1:" + app.port() + "/ws/questlog/" + (query.isEmpty() ? "" : "?" + query);
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    HttpResponse<String> send(String method, String path, String json) {
        var body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .method(method, body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(HTTP, request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        app.stop();
        module.close();
    }
}
