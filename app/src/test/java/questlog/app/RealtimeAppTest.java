package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestRedis;

/** Realtime wired into the real app: the socket, the events and webhook routes, readiness, the CLI. */
@Isolated("two app instances hold twice the connections; run alone so the suite stays within PostgreSQL's connection limit")
class RealtimeAppTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("REDIS_URL", TestRedis.url(), "REDIS_CHANNEL", TestRedis.channel(),
            "QUESTLOG_EVENT_POLL_MS", "200", "QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true",
            "QUESTLOG_SECRET_KEY", "dGhpcnR5LXR3byBieXRlcyBvZiB0ZXN0IGtleSBvayE="));

    @RegisterExtension
    static final TestApp privateApp = new TestApp(Map.of("QUESTLOG_PRIVATE", "true",
            "REDIS_URL", "redis://127.0.0.1:1", "QUESTLOG_EVENT_POLL_MS", "200"));

    @Test
    void theSocketStreamsCommittedEventsAndTheLogServesTheSameEnvelopes() {
        StreamClient client = StreamClient.attempt(app.wsUrl(""), Map.of());
        try {
            assertThat(client.opened).isTrue();
            long id = app.appendEvent(EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "chrono-trigger", "rating", 10));
            List<JsonNode> got = client.take(1, WAIT);
            assertThat(got).hasSize(1);
            assertThat(got.getFirst().get("id").asLong()).isEqualTo(id);
            var log = app.get("/api/events?since=" + (id - 1));
            assertThat(log.status()).isEqualTo(200);
            assertThat(log.json().get("items").get(0)).isEqualTo(got.getFirst());
            OpenApiTest.assertMatchesSpec(app, "GET", "/api/events", log);
        } finally {
            client.shut();
        }
    }

    @Test
    void libraryWritesThroughTheApiReachTheSocketAndFailedOnesDoNot() {
        StreamClient client = StreamClient.attempt(app.wsUrl("types=questlog:game_added,questlog:game_updated,questlog:game_removed"),
                Map.of());
        try {
            assertThat(app.post("/api/games", Map.of("name", "Terranigma", "original_release_year", 1995)).status()).isEqualTo(201);
            assertThat(app.post("/api/games", Map.of("name", "Terranigma", "slug", "terranigma")).status()).isEqualTo(409);
            assertThat(app.patch("/api/games/terranigma", Map.of("summary", "Ark's journey")).status()).isEqualTo(200);
            assertThat(app.delete("/api/games/terranigma").status()).isEqualTo(204);
            List<JsonNode> got = client.take(3, WAIT);
            assertThat(got).extracting(n -> n.get("type").asText()).containsExactly(
                    EventTypes.GAME_ADDED, EventTypes.GAME_UPDATED, EventTypes.GAME_REMOVED);
            assertThat(got.get(0).get("payload").get("game").asText()).isEqualTo("terranigma");
            assertThat(got.get(0).get("payload").get("work").asText()).isEqualTo("Terranigma");
            assertThat(got.get(0).get("payload").get("original_release_year").asInt()).isEqualTo(1995);
            assertThat(got.get(1).get("payload").get("changed")).hasSize(1);
            assertThat(got.get(1).get("payload").get("changed").get(0).asText()).isEqualTo("summary");
            assertThat(client.take(1, Duration.ofMillis(300))).as("the 409 recorded nothing").isEmpty();
        } finally {
            client.shut();
        }
    }

    @Test
    void eventQueryErrorsAreProblems() {
        var response = app.get("/api/events?since=-5");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("since");
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/events", response);
    }

    @Test
    void aSincePastTheEndOfTheLogAnswersTheDocumentedResetPage() {
        long latest = app.appendEvent(EventTypes.GAME_ADDED, Map.of("game", "restored"));
        var response = app.get("/api/events?since=" + (latest + 10));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("reset").get("latest_id").asLong()).isEqualTo(latest);
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/events", response);
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/events", app.get("/api/events?since=" + (latest - 1)));
    }

    @Test
    void byDefaultWebhooksRefusePrivateTargetsAndSecretsWithoutAKey() {
        var metadata = privateApp.post("/api/webhooks", Map.of("url", "http://169.254.169.254/latest/meta-data/"));
        assertThat(metadata.status()).isEqualTo(422);
        assertThat(metadata.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
        assertThat(metadata.json().get("errors").findValuesAsText("field")).containsExactly("url");
        assertThat(metadata.body()).contains("QUESTLOG_WEBHOOK_ALLOW_PRIVATE");
        OpenApiTest.assertMatchesSpec(privateApp, "POST", "/api/webhooks", metadata);

        var secret = privateApp.post("/api/webhooks", Map.of("url", "https://93.184.216.34/hook",
                "secret", "0123456789abcdef0123"));
        assertThat(secret.status()).isEqualTo(422);
        assertThat(secret.json().get("errors").findValuesAsText("field")).containsExactly("secret");
        assertThat(secret.body()).contains("QUESTLOG_SECRET_KEY").contains("openssl rand -base64 32");
        OpenApiTest.assertMatchesSpec(privateApp, "POST", "/api/webhooks", secret);
    }

    @Test
    void webhooksNeedAWriteTokenEvenWhenReadsArePublic() {
        assertThat(app.send("GET", "/api/webhooks", null).status()).isEqualTo(401);
        assertThat(app.send("POST", "/api/webhooks", Map.of("url", "http://127.0.0.1:9/x", "secret", "0123456789abcdef0123")).status())
                .isEqualTo(401);
        var created = app.post("/api/webhooks", Map.of("url", "http://127.0.0.1:9/x", "secret", "0123456789abcdef0123",
                "types", List.of(EventTypes.PLAYTHROUGH_COMPLETE)));
        assertThat(created.status()).isEqualTo(201);
        OpenApiTest.assertMatchesSpec(app, "POST", "/api/webhooks", created);
        String id = created.json().get("id").asText();
        String auth = "Bearer " + app.writeToken();
        var listed = app.send("GET", "/api/webhooks", null, "Authorization", auth);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items").findValuesAsText("id")).contains(id);
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/webhooks", listed);
        var one = app.send("GET", "/api/webhooks/" + id, null, "Authorization", auth);
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/webhooks/" + id, one);
        var resumed = app.post("/api/webhooks/" + id + "/resume", null);
        assertThat(resumed.status()).isEqualTo(200);
        OpenApiTest.assertMatchesSpec(app, "POST", "/api/webhooks/" + id + "/resume", resumed);
        var invalid = app.post("/api/webhooks", Map.of("url", "gopher://x", "secret", "short"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("url", "secret");
        OpenApiTest.assertMatchesSpec(app, "POST", "/api/webhooks", invalid);
        var deleted = app.delete("/api/webhooks/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        OpenApiTest.assertMatchesSpec(app, "DELETE", "/api/webhooks/" + id, deleted);
        var missing = app.send("GET", "/api/webhooks/" + id, null, "Authorization", auth);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
        OpenApiTest.assertMatchesSpec(app, "GET", "/api/webhooks/" + id, missing);
    }

    @Test
    void privateReadsNeedATokenOnTheSocketByHeaderOrQuery() throws Exception {
        StreamClient anonymous = StreamClient.attempt(privateApp.wsUrl(""), Map.of());
        assertThat(anonymous.opened).isFalse();

        // The refusal is the usual 401 problem, visible to a plain HTTP upgrade request.
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(privateApp.baseUrl() + App.EVENTS_SOCKET + "/"))
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"detail\":\"Unauthorized\"");

        StreamClient byHeader = StreamClient.attempt(privateApp.wsUrl(""),
                Map.of("Authorization", "Bearer " + privateApp.writeToken()));
        StreamClient byQuery = StreamClient.attempt(privateApp.wsUrl("token=" + privateApp.writeToken()), Map.of());
        try {
            assertThat(byHeader.opened).isTrue();
            assertThat(byQuery.opened).isTrue();
            long id = privateApp.appendEvent(EventTypes.GAME_ADDED, Map.of("game", "secret-of-mana"));
            assertThat(byHeader.ids(1, WAIT)).containsExactly(id);
            assertThat(byQuery.ids(1, WAIT)).containsExactly(id);
        } finally {
            byHeader.shut();
            byQuery.shut();
        }
        assertThat(privateApp.get("/api/events").status()).isEqualTo(401);
        assertThat(privateApp.get("/api/events", "Authorization", "Bearer " + privateApp.writeToken()).status()).isEqualTo(200);
    }

    @Test
    void readinessReportsRedisWhenConfigured() {
        var ready = app.get("/health/ready");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            sleep(100);
            ready = app.get("/health/ready");
        }
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().at("/checks/redis").asText()).isEqualTo("ok");

        var notReady = privateApp.get("/health/ready");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().at("/checks/redis").asText()).isEqualTo("unreachable");
        assertThat(notReady.json().at("/checks/database").asText()).isEqualTo("ok");
    }

    @Test
    void metricsCountConnectedClients() {
        StreamClient client = StreamClient.attempt(app.wsUrl(""), Map.of());
        try {
            String metrics = app.get("/metrics").body();
            assertThat(metrics).containsPattern("questlog_websocket_clients [1-9]");
        } finally {
            client.shut();
        }
    }

    @Test
    @Timeout(60)
    void eventsTailPrintsTheStreamFromSince() {
        long first = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "favourites", "verb", "added", "entries", List.of("a")));
        long second = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "favourites", "verb", "added", "entries", List.of("b")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("events", "tail", "--url", app.wsUrl(""), "--since", Long.toString(first - 1),
                "--types", "questlog:list_updated", "--count", "2");
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"id\":" + first).contains("\"type\":\"questlog:list_updated\"");
        assertThat(lines.get(1)).contains("\"id\":" + second);
    }

    @Test
    @Timeout(60)
    void eventsTailGivesUpOnARefusal() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("events", "tail", "--url", app.wsUrl(""), "--types", "questlog:bogus");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("questlog:bogus");

        int unauthorized = cli.execute("events", "tail", "--url", privateApp.wsUrl(""), "--token", "ql_wrong");
        assertThat(unauthorized).isEqualTo(2);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
