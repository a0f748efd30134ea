package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks in Questlog's export: never a secret, only whether there is one ({@code signed}). An
 * unsigned webhook is restored as it was; a signed one, whose secret stays behind, is restored
 * paused with {@code last_error} saying why, so it never delivers unsigned by surprise. Imported
 * webhooks deliver what happens after the import.
 */
class WebhookExportTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));
    @RegisterExtension
    static final TestApp empty = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

    static final String SECRET = "a-plain-text-secret-from-before-encryption";
    static String unsigned;
    static String signed;
    static JsonNode exported;

    @BeforeAll
    static void webhooks() {
        var created = app.post("/api/webhooks", Map.of("url", "http://127.0.0.1:9/unsigned", "types", List.of("game_added")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        unsigned = created.json().get("id").asText();
        // A secret stored before secrets were encrypted: no key is needed for it to be there.
        signed = app.deps().jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO webhook (url, types, secret, last_event_id)
                VALUES ('http://127.0.0.1:9/signed', '{questlog:list_updated}', :secret, 0) RETURNING id::text""")
                .bind("secret", SECRET).mapTo(String.class).one());
        var response = app.get("/api/export", "Authorization", "Bearer " + app.writeToken());
        assertThat(response.body()).doesNotContain(SECRET);
        exported = response.json();
        var imported = empty.post("/api/import", response.bytes());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().at("/sections/webhooks/created").asInt()).isEqualTo(2);
    }

    static JsonNode webhook(TestApp target, String id) {
        return target.get("/api/webhooks/" + id, "Authorization", "Bearer " + target.writeToken()).json();
    }

    @Test
    void theExportSaysWhetherAWebhookSignsButNeverHoldsTheSecret() {
        assertThat(exported.get("webhooks")).hasSize(2);
        exported.get("webhooks").forEach(w -> {
            assertThat(w.has("secret")).isFalse();
            assertThat(w.get("signed").asBoolean()).isEqualTo(w.get("id").asText().equals(signed));
        });
    }

    @Test
    void anUnsignedWebhookIsRestoredAsItWas() {
        JsonNode original = webhook(app, unsigned);
        JsonNode restored = webhook(empty, unsigned);
        for (String field : List.of("url", "types", "status", "signed", "created_at")) {
            assertThat(restored.get(field)).as(field).isEqualTo(original.get(field));
        }
        long lastEvent = empty.deps().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM event")
                .mapTo(Long.class).one());
        assertThat(restored.get("last_event_id").asLong()).as("delivers what happens after the import").isEqualTo(lastEvent);
    }

    @Test
    void aSignedWebhookIsRestoredPausedUntilItHasItsSecretAgain() {
        JsonNode restored = webhook(empty, signed);
        assertThat(restored.get("status").asText()).isEqualTo("paused");
        assertThat(restored.get("signed").asBoolean()).isFalse();
        assertThat(restored.get("last_error").asText()).contains("imported without its secret");
        assertThat(restored.get("url").asText()).isEqualTo("http://127.0.0.1:9/signed");
    }
}
