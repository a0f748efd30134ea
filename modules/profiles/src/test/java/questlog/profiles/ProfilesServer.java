package questlog.profiles;

import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import questlog.common.InvalidInputException;
import questlog.common.Json;
import questlog.profiles.steam.sync.SteamLibrary;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestHttp;

/**
 * The profiles module's routes served by a real Javalin under {@code /api}, on a test database,
 * with the given plugins and no background jobs (reads only, as an instance without jobs serves
 * them): what a plugin's routes look like over HTTP without the rest of the app. The app's own
 * problem+json rendering is not here; Javalin's default answers a failure with its status and
 * the message as {@code title}.
 */
public final class ProfilesServer implements AutoCloseable {
    /** An answer: status and body. */
    public record Response(int status, String body) {}

    private final Jdbi jdbi;
    private final ProfilesModule module;
    private final Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    private ProfilesServer(TestDatabase db, List<? extends ProfilePlugin<?>> plugins) {
        this.jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(Json.objectMapper());
        this.module = new ProfilesModule(jdbi, Json.objectMapper(), Clock.systemUTC(), new TableGameLookup(),
                new RecordingEventLog(), null, plugins,
                new SteamLibrary(jdbi, Json.objectMapper(), Optional.empty(), null, null, null));
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.objectMapper(), false));
            config.routes.exception(InvalidInputException.class, (e, ctx) ->
                    ctx.status(e.status()).json(Map.of("detail", e.getMessage(), "errors", e.errors())));
            config.routes.apiBuilder(() -> path("api", module.routes()));
        }).start("127.0.0.1", 0);
    }

    public static ProfilesServer start(TestDatabase db, List<? extends ProfilePlugin<?>> plugins) {
        return new ProfilesServer(db, plugins);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Response get(String path) {
        HttpResponse<String> answer = TestHttp.send(http, HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).header("Accept", "application/json").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Response(answer.statusCode(), answer.body());
    }

    @Override
    public void close() {
        server.stop();
        module.close();
    }
}
