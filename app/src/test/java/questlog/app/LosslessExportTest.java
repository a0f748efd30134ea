package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a backup used to lose: a library written through the API, exported with
 * {@code GET /api/export} (Questlog's own format, the default) and imported into an empty server
 * keeps paused and abandoned runs, completion and source, every play session, 42.5 hours, and a
 * private list that anonymous readers still cannot see, and a gist's undated completion;
 * exporting that server again gives the same bytes.
 */
class LosslessExportTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    @RegisterExtension
    static final TestApp empty = new TestApp();

    static String paused;
    static String abandoned;
    static String sessions;
    static byte[] exported;

    @BeforeAll
    static void library() {
        ok(app.post("/api/games", Map.of("name", "Okami", "original_release_year", 2006)));
        paused = ok(app.post("/api/games/okami/playthroughs", Map.of("status", "paused", "started_at", "2024-01-05",
                "platform", "PS4", "playtime_hours", 42.5, "completion", "story", "source", "steam",
                "source_ref", "steam:76561198000000000:587620"))).get("id").asText();
        abandoned = ok(app.post("/api/games/okami/playthroughs", Map.of("status", "abandoned", "started_at", "2023-03-01",
                "rating", 6, "notes", "Lost my save"))).get("id").asText();
        sessions = ok(app.post("/api/games/okami/playthroughs", Map.of("status", "playing"))).get("id").asText();
        for (int minutes : List.of(45, 90, 30)) {
            ok(app.post("/api/playthroughs/" + sessions + "/sessions", Map.of("minutes", minutes,
                    "started_at", "2024-02-0" + (minutes % 7 + 1) + "T20:15:30.123456Z", "note", "evening " + minutes)));
        }
        // A gist line says a game was finished, not when: an undated imported completion.
        var gist = app.send("POST", "/api/import/gist", "# Games I have beaten\n\n- Celeste (PC)\n".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + app.writeToken(), "Content-Type", "text/markdown");
        assertThat(gist.status()).as(gist.body()).isEqualTo(200);
        ok(app.post("/api/lists", Map.of("name", "Secret shame", "is_public", false)));
        ok(app.post("/api/lists/secret-shame/entries", Map.of("game", "okami", "notes", "one day")));

        var response = app.get("/api/export", "Authorization", "Bearer " + app.writeToken());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        exported = response.bytes();
        var imported = empty.post("/api/import", exported);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    static JsonNode ok(TestApp.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    @Test
    void theExportIsQuestlogsOwnFormatByDefault() {
        JsonNode doc = ImportExportTest.json(exported);
        assertThat(doc.get("format").asText()).isEqualTo("questlog-export");
        assertThat(doc.get("play_sessions")).hasSize(3);
        assertThat(doc.get("list_activity")).isNotEmpty();
        var bench = app.get("/api/export?format=bench", "Authorization", "Bearer " + app.writeToken());
        assertThat(bench.json().get("format").asText()).isEqualTo("questlog-bench-dataset");
        assertThat(app.get("/api/export?format=questlog-export", "Authorization", "Bearer " + app.writeToken()).bytes())
                .isEqualTo(exported);
    }

    @Test
    void statusesCompletionAndSourceAreKept() {
        JsonNode p = empty.get("/api/playthroughs/" + paused).json();
        assertThat(p.get("status").asText()).isEqualTo("paused");
        assertThat(p.get("completion").asText()).isEqualTo("story");
        assertThat(p.get("source").asText()).isEqualTo("steam");
        assertThat(p.get("source_ref").asText()).isEqualTo("steam:76561198000000000:587620");
        assertThat(p.get("playtime_hours").decimalValue()).isEqualByComparingTo("42.5");
        assertThat(p.get("playtime_minutes").asInt()).isEqualTo(2550);
        JsonNode a = empty.get("/api/playthroughs/" + abandoned).json();
        assertThat(a.get("status").asText()).isEqualTo("abandoned");
        assertThat(a.get("source").asText()).isEqualTo("manual");
        assertThat(a.get("created_at").asText()).isEqualTo(app.get("/api/playthroughs/" + abandoned).json().get("created_at").asText());
    }

    @Test
    void anUndatedImportedCompletionIsKept() {
        JsonNode restored = empty.get("/api/games/celeste/playthroughs").json().get("items");
        assertThat(restored).hasSize(1);
        assertThat(restored.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(restored.get(0).get("completed_at").isNull()).isTrue();
        assertThat(restored.get(0).get("source").asText()).isEqualTo("import");
        assertThat(restored.get(0)).isEqualTo(app.get("/api/games/celeste/playthroughs").json().get("items").get(0));
    }

    @Test
    void everySessionIsKept() {
        JsonNode original = app.get("/api/playthroughs/" + sessions).json();
        JsonNode restored = empty.get("/api/playthroughs/" + sessions).json();
        assertThat(restored.get("sessions")).hasSize(3);
        assertThat(restored.get("sessions")).isEqualTo(original.get("sessions"));
        assertThat(restored.get("playtime_minutes").asInt()).isEqualTo(165);
        assertThat(restored.get("status").asText()).isEqualTo("playing");
    }

    @Test
    void aPrivateListStaysPrivateToAnonymousReaders() {
        assertThat(empty.get("/api/lists/secret-shame").status()).isEqualTo(404);
        assertThat(empty.get("/api/lists").body()).doesNotContain("secret-shame");
        var withToken = empty.get("/api/lists/secret-shame", "Authorization", "Bearer " + empty.writeToken());
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.json().get("is_public").asBoolean()).isFalse();
        assertThat(withToken.json().at("/entries/0/notes").asText()).isEqualTo("one day");
    }

    @Test
    void exportingTheRestoredLibraryGivesTheSameBytes() {
        byte[] again = empty.get("/api/export", "Authorization", "Bearer " + empty.writeToken()).bytes();
        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(exported, StandardCharsets.UTF_8));
    }

    @Test
    void importingTheExportAgainChangesNothing() {
        JsonNode report = empty.post("/api/import", exported).json();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        report.get("sections").forEach(section -> {
            assertThat(section.get("created").asInt()).as(report.toString()).isZero();
            assertThat(section.get("updated").asInt()).as(report.toString()).isZero();
        });
    }
}
