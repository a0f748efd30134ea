package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-setup default: without DATABASE_URL the app runs on an embedded PostgreSQL whose data
 * lives in QUESTLOG_DATA_DIR, so what was written survives a restart. (This machine runs tests
 * as root: the embedded server copes with that.)
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGameCreatedThroughTheApiSurvivesARestart() throws Exception {
        Map<String, String> env = Map.of("QUESTLOG_DATA_DIR", dataDir.toString(), "PORT", "0");

        String token;
        try (AppDeps deps = AppDeps.build(AppConfig.fromEnv(env))) {
            assertThat(deps.database.isEmbedded()).isTrue();
            token = deps.tokens().create("restart-test", List.of("read", "write")).secret();
            Javalin app = App.create(deps).start("127.0.0.1", 0);
            try {
                var created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/games"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ōkami\",\"original_release_year\":2006}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            } finally {
                app.stop();
            }
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();

        try (AppDeps deps = AppDeps.build(AppConfig.fromEnv(env))) {
            Javalin app = App.create(deps).start("127.0.0.1", 0);
            try {
                var read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/games/okami")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).isEqualTo(200);
                var game = TestApp.JSON.readTree(read.body());
                assertThat(game.get("name").asText()).isEqualTo("Ōkami");
                assertThat(game.get("original_release_year").asInt()).isEqualTo(2006);
                // tokens live in the same database: the one issued before the restart still writes
                assertThat(deps.tokens().scopesOf(token)).containsExactly("read", "write");
            } finally {
                app.stop();
            }
        }
    }
}
