package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import questlog.common.DatabaseUrl;
import questlog.testsupport.TestDatabase;
import questlog.common.Json;

class ReadinessTest {

    @Test
    void readinessIs503ProblemWhenTheDatabaseIsUnreachable() throws Exception {
        JsonNode body = ready(TestDatabase.unreachableUrl(), () -> true);

        assertThat(body.at("/checks/database").asText()).isEqualTo("unreachable");
    }

    @Test
    void readinessIs503ProblemWhenTheJobRunnerIsNotRunning() throws Exception {
        try (TestDatabase db = new TestDatabase().start()) {
            JsonNode body = ready(db.url(), () -> false);

            assertThat(body.at("/checks/database").asText()).isEqualTo("ok");
            assertThat(body.at("/checks/jobs").asText()).isEqualTo("stopped");
            assertThat(body.get("detail").asText()).contains("job runner");
        }
    }

    /** GET /health/ready of a server with only that route, on {@code url}; asserts a 503 problem. */
    static JsonNode ready(DatabaseUrl url, BooleanSupplier jobsRunning) throws Exception {
        var problems = new ProblemMappers(Json.objectMapper());
        try (Database database = Database.external(url, 1, null)) {
            var health = new Health(database, java.util.List.of(new questlog.common.HealthCheck("jobs", jobsRunning,
                    "stopped", "Not ready: the job runner is not running")), problems);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                problems.register(config);
                config.routes.get("/health/ready", health::ready);
            }).start("127.0.0.1", 0);
            try {
                var response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetail.CONTENT_TYPE);
                return TestApp.JSON.readTree(response.body());
            } finally {
                app.stop();
            }
        }
    }
}
