package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A questlog-export document with a problem in each section's own rules is a 422 naming every
 * record and field, and writes nothing: what cannot be stored as sent is refused, not adjusted.
 */
class ExportFormatProblemsTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

    @Test
    void everyBrokenRuleIsNamedAndNothingIsWritten() {
        ObjectNode doc = new ExportDocumentGenerator(7).document(12);
        ObjectNode game = (ObjectNode) doc.get("games").get(0);
        game.put("relationship_type", "sequel").putNull("parent_game");
        game.put("created_at", "2024-01-01T00:00:00.1234567Z");
        ObjectNode completed = null;
        for (JsonNode p : doc.get("playthroughs")) {
            if (p.get("status").asText().equals("completed") && completed == null) {
                completed = (ObjectNode) p;
            }
        }
        completed.putNull("completed_at");
        ((ObjectNode) doc.get("playthroughs").get(1)).put("completion", "half");
        ((ObjectNode) doc.get("play_sessions").get(0)).put("minutes", 0);
        ((ObjectNode) doc.get("list_activity").get(0)).put("verb", "renamed");
        ((ObjectNode) doc.get("lists").get(0)).remove("is_public");
        ((ObjectNode) doc.get("webhooks").get(0)).putArray("types").add("game_added");
        ((ObjectNode) doc.get("list_activity").get(1)).putObject("metadata").put("note", "a\u0000b");

        var response = app.post("/api/import", doc);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        int completedIndex = indexOf(doc.get("playthroughs"), completed);
        assertThat(fields).contains("games[0].parent_game", "games[0].created_at",
                "playthroughs[" + completedIndex + "].completed_at", "playthroughs[1].completion", "play_sessions[0].minutes",
                "list_activity[0].verb", "list_activity[1].metadata", "lists[0].is_public", "webhooks[0].types[0]");
        assertThat(app.get("/api/games?limit=1").json().get("total").asInt()).isZero();
        assertThat(app.get("/api/webhooks", "Authorization", "Bearer " + app.writeToken()).json().get("total").asInt())
                .isZero();
    }

    @Test
    void whatTheApiRefusesIsRefusedHereTooNamingEveryRecordAndField() {
        ObjectNode doc = new ExportDocumentGenerator(11).document(12);
        ObjectNode game = (ObjectNode) doc.get("games").get(1);
        game.put("name", "n".repeat(501)).put("sort_name", "s".repeat(501));
        ((ArrayNode) game.get("platforms")).add("p".repeat(256));
        ((ObjectNode) doc.get("games").get(2)).put("created_at", "0000-06-01T00:00:00Z");
        ObjectNode edition = (ObjectNode) doc.get("editions").get(0);
        edition.put("twitch_category_id", "9".repeat(256)).put("release_date", "0000-01-01");
        ((ObjectNode) doc.get("editions").get(1)).put("name", "Edition\ud800").put("release_date", "2201-01-01");
        ((ObjectNode) doc.get("external_ids").get(0)).put("external_id", "x".repeat(256));
        ((ObjectNode) doc.get("genres").get(0)).put("name", "g".repeat(501));

        var response = app.post("/api/import", doc);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("games[1].name", "games[1].sort_name", "games[1].platforms[3]", "games[2].created_at",
                "editions[0].twitch_category_id", "editions[0].release_date", "editions[1].name",
                "editions[1].release_date", "external_ids[0].external_id", "genres[0].name");
        assertThat(app.get("/api/games?limit=1").json().get("total").asInt()).isZero();
    }

    static int indexOf(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        return -1;
    }
}
