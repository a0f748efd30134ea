package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import questlog.testsupport.TestDatabase;

class ReadinessTest {

    @Test
    void readinessIs503ProblemWhenTheDatabaseIsUnreachable() throws Exception {
        var problems = new ProblemMappers(Json.objectMapper());
        try (Database database = Database.external(TestDatabase.unreachableUrl(), 1, null)) {
            var health = new Health(database, java.util.Optional::empty, () -> true, problems);
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
                var body = TestApp.JSON.readTree(response.body());
                assertThat(body.at("/checks/database").asText()).isEqualTo("unreachable");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void readinessIs503ProblemWhenTheJobRunnerIsNotRunning() throws Exception {
        var problems = new ProblemMappers(Json.objectMapper());
        TestDatabase db = new TestDatabase().start();
        try (Database database = Database.external(db.url(), 1, null)) {
            var health = new Health(database, java.util.Optional::empty, () -> false, problems);
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
                var body = TestApp.JSON.readTree(response.body());
                assertThat(body.at("/checks/database").asText()).isEqualTo("ok");
                assertThat(body.at("/checks/jobs").asText()).isEqualTo("stopped");
                assertThat(body.get("detail").asText()).contains("job runner");
            } finally {
                app.stop();
            }
        } finally {
            db.close();
        }
    }
}
