package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.TestDatabase;

/**
 * Webhooks against a local receiver that verifies signatures. Retries start at 50 ms and a
 * webhook pauses after 3 failures in a row here.
 */
class WebhookTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SECRET = "a-secret-of-thirty-two-characters";

    static RealtimeServer server;

    @BeforeAll
    static void start() {
        server = new RealtimeServer(db, RealtimeServer.fast());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return TestJson.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.statusCode() + " " + response.body(), e);
        }
    }

    static JsonNode register(String url, List<String> types) throws Exception {
        var body = TestJson.MAPPER.writeValueAsString(Map.of("url", url, "types", types, "secret", SECRET));
        HttpResponse<String> created = server.send("POST", "/api/webhooks", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    @Test
    void matchingEventsArriveSignedInOrderAsTheEnvelopesOfTheLog() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            // a short name is the full one, and is kept as the full one
            JsonNode hook = register(receiver.url(), List.of("game_added", EventTypes.GAME_REMOVED));
            assertThat(hook.has("secret")).isFalse();
            assertThat(hook.get("status").asText()).isEqualTo("active");
            assertThat(hook.get("types").toString()).isEqualTo("[\"questlog:game_added\",\"questlog:game_removed\"]");

            long added = server.append(EventTypes.GAME_ADDED, Map.of("game", "xenogears"));
            server.append(EventTypes.GAME_UPDATED, Map.of("game", "xenogears"));
            long removed = server.append(EventTypes.GAME_REMOVED, Map.of("game", "xenogears"));

            List<WebhookReceiver.Delivery> got = receiver.take(2, WAIT);
            assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(added), Long.toString(removed));
            assertThat(got).allMatch(WebhookReceiver.Delivery::signatureValid);
            assertThat(got).extracting(WebhookReceiver.Delivery::event).containsExactly(EventTypes.GAME_ADDED, EventTypes.GAME_REMOVED);
            assertThat(got.getFirst().signature()).matches("sha256=[0-9a-f]{64}");

            JsonNode log = json(server.get("/api/events?since=" + (added - 1) + "&limit=3")).get("items");
            assertThat(TestJson.MAPPER.readTree(got.get(0).body())).isEqualTo(log.get(0));
            assertThat(TestJson.MAPPER.readTree(got.get(1).body())).isEqualTo(log.get(2));
            assertThat(receiver.take(1, Duration.ofMillis(300))).isEmpty();

            JsonNode after = json(server.get("/api/webhooks/" + hook.get("id").asText()));
            assertThat(after.get("last_event_id").asLong()).isEqualTo(removed);
            assertThat(after.get("consecutive_failures").asInt()).isZero();
            assertThat(after.get("last_success_at").isNull()).isFalse();
            server.send("DELETE", "/api/webhooks/" + hook.get("id").asText(), null);
        }
    }

    /**
     * A secret is the signing key exactly as sent, spaces included; a URL with spaces around it is
     * not a URL, and is refused rather than trimmed.
     */
    @Test
    void theSecretAndTheUrlAreKeptExactlyAsSent() throws Exception {
        String spaced = "  " + SECRET + " ";
        try (WebhookReceiver receiver = new WebhookReceiver(spaced)) {
            HttpResponse<String> padded = server.send("POST", "/api/webhooks", TestJson.MAPPER.writeValueAsString(
                    Map.of("url", " " + receiver.url() + " ", "types", List.of("game_added"), "secret", spaced)));
            assertThat(padded.statusCode()).as(padded.body()).isEqualTo(422);
            assertThat(padded.body()).contains("url");

            HttpResponse<String> created = server.send("POST", "/api/webhooks", TestJson.MAPPER.writeValueAsString(
                    Map.of("url", receiver.url(), "types", List.of("game_added"), "secret", spaced)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            server.append(EventTypes.GAME_ADDED, Map.of("game", "lufia"));
            List<WebhookReceiver.Delivery> got = receiver.take(1, WAIT);
            assertThat(got).singleElement().matches(WebhookReceiver.Delivery::signatureValid, "signed with the secret as sent");
            server.send("DELETE", "/api/webhooks/" + json(created).get("id").asText(), null);
        }
    }

    @Test
    void failuresAreRetriedWithBackoffThenTheWebhookIsPausedAndResumesWithoutLosingEvents() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            JsonNode hook = register(receiver.url(), List.of());
            String id = hook.get("id").asText();
            receiver.status.set(500);
            long first = server.append(EventTypes.PLAYTHROUGH_STARTED, Map.of("game", "grandia"));

            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode state = json(server.get("/api/webhooks/" + id));
            while (!state.get("status").asText().equals("paused") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                state = json(server.get("/api/webhooks/" + id));
            }
            assertThat(state.get("status").asText()).isEqualTo("paused");
            assertThat(state.get("consecutive_failures").asInt()).isEqualTo(3);
            assertThat(state.get("last_error").asText()).isEqualTo("HTTP 500");
            assertThat(state.get("paused_at").isNull()).isFalse();
            assertThat(state.get("last_event_id").asLong()).isLessThan(first);
            assertThat(receiver.attempts.get()).isEqualTo(3);

            long second = server.append(EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "grandia", "rating", 8));
            Thread.sleep(500);
            assertThat(receiver.attempts.get()).as("a paused webhook is left alone").isEqualTo(3);

            receiver.status.set(200);
            HttpResponse<String> resumed = server.send("POST", "/api/webhooks/" + id + "/resume", null);
            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(json(resumed).get("status").asText()).isEqualTo("active");
            List<WebhookReceiver.Delivery> got = receiver.take(2, WAIT);
            assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(first), Long.toString(second));
            assertThat(got).allMatch(WebhookReceiver.Delivery::signatureValid);
            server.send("DELETE", "/api/webhooks/" + id, null);
        }
    }

    @Test
    void registrationIsValidated() throws Exception {
        // A missing field is a broken rule about the body's values, like every other: 422.
        assertThat(server.send("POST", "/api/webhooks", "{\"secret\": \"" + SECRET + "\"}").statusCode()).isEqualTo(422);
        assertThat(server.send("POST", "/api/webhooks", "{\"url\": \"\", \"secret\": \"" + SECRET + "\"}").statusCode()).isEqualTo(422);
        HttpResponse<String> scheme = server.send("POST", "/api/webhooks", "{\"url\": \"ftp://example.com/x\", \"secret\": \"" + SECRET + "\"}");
        assertThat(scheme.statusCode()).isEqualTo(422);
        assertThat(scheme.body()).contains("url");
        HttpResponse<String> weak = server.send("POST", "/api/webhooks", "{\"url\": \"http://example.com/x\", \"secret\": \"short\"}");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("secret");
        HttpResponse<String> types = server.send("POST", "/api/webhooks",
                "{\"url\": \"http://example.com/x\", \"secret\": \"" + SECRET + "\", \"types\": [\"questlog:nope\"]}");
        assertThat(types.statusCode()).isEqualTo(422);
        assertThat(types.body()).contains("questlog:nope");
    }

    @Test
    void webhooksAreListedFetchedAndDeleted() throws Exception {
        JsonNode a = register("http://127.0.0.1:9/a", List.of());
        JsonNode b = register("https://example.com/b", List.of(EventTypes.LIST_UPDATED));
        JsonNode page = json(server.get("/api/webhooks?limit=100"));
        assertThat(page.get("items").findValuesAsText("id")).contains(a.get("id").asText(), b.get("id").asText());
        assertThat(page.get("items").findValues("secret")).isEmpty();
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(json(server.get("/api/webhooks/" + b.get("id").asText())).get("url").asText()).isEqualTo("https://example.com/b");

        assertThat(server.send("DELETE", "/api/webhooks/" + a.get("id").asText(), null).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/webhooks/" + a.get("id").asText()).statusCode()).isEqualTo(404);
        assertThat(server.send("DELETE", "/api/webhooks/" + a.get("id").asText(), null).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/webhooks/not-a-uuid").statusCode()).isEqualTo(404);
        server.send("DELETE", "/api/webhooks/" + b.get("id").asText(), null);
    }
}
