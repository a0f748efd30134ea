package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.SecretBox;
import questlog.testsupport.TestDatabase;

/**
 * Webhook secrets at rest: stored encrypted with QUESTLOG_SECRET_KEY (never as sent), refused
 * without a key, plain-text ones from before encryption still signing and encrypted at the next
 * start with a key, keys rotated through QUESTLOG_SECRET_KEY_PREVIOUS, and a wrong key failing
 * clearly. Deliveries go to a local receiver that verifies every signature.
 */
class WebhookSecretsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SECRET = WebhookTest.SECRET;
    static final SecretBox.Key KEY_1 = SecretBox.Key.parse(SecretBox.newKey());
    static final SecretBox.Key KEY_2 = SecretBox.Key.parse(SecretBox.newKey());

    WebhookReceiver receiver;
    RealtimeServer server;

    @BeforeEach
    void receive() {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.jdbi.useHandle(h -> h.execute("DELETE FROM webhook"));
            server.close();
        }
        receiver.close();
    }

    /** Replaces the running server by one with these keys (none: no QUESTLOG_SECRET_KEY); its start re-seals. */
    RealtimeServer serve(SecretBox.Key... keys) {
        if (server != null) {
            server.close();
        }
        Optional<SecretBox> box = keys.length == 0 ? Optional.empty()
                : Optional.of(new SecretBox(keys[0], List.of(keys).subList(1, keys.length)));
        server = new RealtimeServer(db, RealtimeServer.fast(), box, WebhookTargets.SYSTEM_DNS);
        return server;
    }

    HttpResponse<String> register(Map<String, Object> body) throws Exception {
        return server.send("POST", "/api/webhooks", TestJson.MAPPER.writeValueAsString(body));
    }

    String registerSigned() throws Exception {
        HttpResponse<String> created = register(Map.of("url", receiver.url(), "secret", SECRET));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode hook = TestJson.MAPPER.readTree(created.body());
        assertThat(hook.get("signed").asBoolean()).isTrue();
        return hook.get("id").asText();
    }

    String stored(String id) {
        return server.jdbi.withHandle(h -> h.createQuery("SELECT secret FROM webhook WHERE id = CAST(:id AS uuid)")
                .bind("id", id).mapTo(String.class).one());
    }

    void deliveredAndSigned() throws Exception {
        long event = server.append(EventTypes.GAME_ADDED, Map.of("game", "chrono-trigger"));
        List<WebhookReceiver.Delivery> got = receiver.take(1, WAIT);
        assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(event));
        assertThat(got.getFirst().signatureValid()).as("signature of the secret as sent").isTrue();
    }

    @Test
    void aSecretIsStoredEncryptedAndDeliveriesAreStillSignedWithIt() throws Exception {
        serve(KEY_1);
        String id = registerSigned();

        String stored = stored(id);
        assertThat(stored).doesNotContain(SECRET).startsWith("v1:" + KEY_1.id() + ":");
        assertThat(SecretBox.isSealed(stored)).isTrue();
        deliveredAndSigned();
    }

    @Test
    void withoutAKeyASecretIsRefusedClearlyAndAWebhookWithoutOneWorksUnsigned() throws Exception {
        serve();

        HttpResponse<String> refused = register(Map.of("url", receiver.url(), "secret", SECRET));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = TestJson.MAPPER.readTree(refused.body()).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("secret");
        assertThat(refused.body()).contains("QUESTLOG_SECRET_KEY").contains("openssl rand -base64 32");

        HttpResponse<String> unsigned = register(Map.of("url", receiver.url()));
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(201);
        assertThat(TestJson.MAPPER.readTree(unsigned.body()).get("signed").asBoolean()).isFalse();
        long event = server.append(EventTypes.GAME_ADDED, Map.of("game", "unsigned"));
        List<WebhookReceiver.Delivery> got = receiver.take(1, WAIT);
        assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(event));
        assertThat(got.getFirst().signature()).isNull();
    }

    @Test
    void aPlainTextSecretFromBeforeKeepsSigningAndIsEncryptedAtTheNextStartWithAKey() throws Exception {
        serve(KEY_1);
        String id = registerSigned();
        server.jdbi.useHandle(h -> h.execute("UPDATE webhook SET secret = ? WHERE id = CAST(? AS uuid)", SECRET, id));

        serve(); // no key: the plain-text secret still signs
        deliveredAndSigned();
        assertThat(stored(id)).isEqualTo(SECRET);

        serve(KEY_1); // a key: encrypted at start
        assertThat(stored(id)).doesNotContain(SECRET).startsWith("v1:" + KEY_1.id() + ":");
        deliveredAndSigned();
    }

    @Test
    void rotatingMovesEverySecretToTheNewKeyAndTheOldKeyCanThenGo() throws Exception {
        serve(KEY_1);
        String id = registerSigned();

        serve(KEY_2, KEY_1); // QUESTLOG_SECRET_KEY = new key, QUESTLOG_SECRET_KEY_PREVIOUS = old key
        assertThat(stored(id)).startsWith("v1:" + KEY_2.id() + ":");
        assertThat(server.module.resealSecrets()).isEqualTo(new RealtimeModule.SecretsResealed(0, 0, 0, 0));

        serve(KEY_2); // the old key retired
        deliveredAndSigned();
    }

    @Test
    void aSecretNoConfiguredKeyOpensFailsDeliveryClearlyAndIsLeftAsItWas() throws Exception {
        serve(KEY_1);
        String id = registerSigned();
        String sealed = stored(id);

        serve(KEY_2); // the wrong key, without the old one
        assertThat(server.module.resealSecrets()).isEqualTo(new RealtimeModule.SecretsResealed(0, 0, 1, 0));
        assertThat(stored(id)).isEqualTo(sealed);
        server.append(EventTypes.GAME_ADDED, Map.of("game", "lost-key"));

        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode state = TestJson.MAPPER.readTree(server.get("/api/webhooks/" + id).body());
        while (state.get("last_error").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            state = TestJson.MAPPER.readTree(server.get("/api/webhooks/" + id).body());
        }
        assertThat(state.get("last_error").asText()).startsWith("cannot sign")
                .contains(KEY_1.id()).contains(KEY_2.id()).contains("QUESTLOG_SECRET_KEY_PREVIOUS");
        assertThat(receiver.attempts.get()).as("nothing is sent unsigned in its place").isZero();
    }
}
