package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dataset format across every module: POST /api/import of a generated document with all
 * seven sections (fixtures/dataset-all-sections.json: gen.py --games 40 --seed 4), what the
 * journal and lists then serve, idempotent re-imports, refusals that write nothing, and
 * GET /api/export, whose output imported into an empty database exports to the same bytes.
 */
class ImportExportTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    @RegisterExtension
    static final TestApp second = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    static byte[] fixture;
    static JsonNode document;

    @BeforeAll
    static void importFixture() throws IOException {
        try (InputStream in = ImportExportTest.class.getResourceAsStream("/fixtures/dataset-all-sections.json")) {
            fixture = in.readAllBytes();
        }
        document = TestApp.JSON.readTree(fixture);
        var response = api.post("/api/import", fixture);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("ok").asBoolean()).isTrue();
        for (String section : List.of("genres", "franchises", "games", "editions", "playthroughs", "lists", "list_entries")) {
            int size = document.get(section).size();
            assertThat(report.at("/sections/" + section + "/received").asInt()).as(section).isEqualTo(size);
            assertThat(report.at("/sections/" + section + "/created").asInt()).as(section).isEqualTo(size);
        }
    }

    static byte[] export(TestApp target) {
        var response = target.get("/api/export?format=questlog-bench-dataset", "Authorization", "Bearer " + target.writeToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.bytes();
    }

    static Map<String, JsonNode> byId(JsonNode section) {
        Map<String, JsonNode> out = new HashMap<>();
        // records are known by their id; platforms, which have none, by their key
        section.forEach(r -> out.put((r.has("id") ? r.get("id") : r.get("key")).asText(), r));
        return out;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return TestApp.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theJournalAndListsServeWhatWasImported() {
        JsonNode p = document.get("playthroughs").get(0);
        JsonNode served = api.get("/api/playthroughs/" + p.get("id").asText()).json();
        assertThat(served.at("/game/slug").asText()).isEqualTo(p.get("game").asText());
        assertThat(served.at("/edition/slug").asText()).isEqualTo(p.get("edition").asText());
        assertThat(served.get("playtime_minutes").asInt()).isEqualTo(p.get("playtime_hours").asInt() * 60);
        assertThat(served.get("status").asText()).isEqualTo(p.get("completed_at").isNull() ? "playing" : "completed");
        assertThat(served.get("source").asText()).isEqualTo("import");
        assertThat(api.get("/api/playthroughs?limit=1").json().get("total").asInt()).isEqualTo(document.get("playthroughs").size());

        JsonNode ranked = null;
        for (JsonNode l : document.get("lists")) {
            if (l.get("is_ranked").asBoolean()) {
                ranked = l;
            }
        }
        assertThat(ranked).isNotNull();
        String slug = ranked.get("slug").asText();
        List<String> expected = new ArrayList<>(java.util.Collections.nCopies(count(slug), ""));
        for (JsonNode e : document.get("list_entries")) {
            if (e.get("list").asText().equals(slug)) {
                expected.set(e.get("position").asInt() - 1, e.get("game").asText());
            }
        }
        List<String> shown = new ArrayList<>();
        api.get("/api/lists/" + slug).json().get("entries").forEach(e -> shown.add(e.get("work_slug").asText()));
        assertThat(shown).isEqualTo(expected);
        JsonNode history = api.get("/api/lists/" + slug + "/activity").json();
        assertThat(history.get(0).get("verb").asText()).isEqualTo("added");
        assertThat(history.get(1).get("verb").asText()).isEqualTo("created");
        assertThat(ListConcurrencyTest.replay(List.of(history.get(1), history.get(0)))).isEqualTo(expected);

        JsonNode stats = api.get("/api/stats").json();
        assertThat(stats.at("/totals/playthroughs").asInt()).isEqualTo(document.get("playthroughs").size());
        assertThat(stats.at("/totals/games").asInt()).isEqualTo(document.get("games").size());

        JsonNode game = api.get("/api/games/" + p.get("game").asText()).json();
        List<String> ids = new ArrayList<>();
        game.get("playthroughs").forEach(x -> ids.add(x.get("id").asText()));
        assertThat(ids).contains(p.get("id").asText());
    }

    static int count(String listSlug) {
        int n = 0;
        for (JsonNode e : document.get("list_entries")) {
            if (e.get("list").asText().equals(listSlug)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void importingTheSameDocumentAgainChangesNothing() {
        JsonNode report = api.post("/api/import", fixture).json();
        assertThat(report.get("ok").asBoolean()).isTrue();
        for (String section : List.of("genres", "games", "playthroughs", "lists", "list_entries")) {
            assertThat(report.at("/sections/" + section + "/unchanged").asInt()).as(section)
                    .isEqualTo(document.get(section).size());
            assertThat(report.at("/sections/" + section + "/created").asInt()).as(section).isZero();
            assertThat(report.at("/sections/" + section + "/updated").asInt()).as(section).isZero();
        }
    }

    @Test
    void theExportHoldsEveryRecordAsTheDocumentHadIt() {
        JsonNode exported = json(export(app));
        assertThat(exported.get("format").asText()).isEqualTo("questlog-bench-dataset");
        assertThat(exported.get("version").asInt()).isEqualTo(1);
        List<String> keys = new ArrayList<>();
        exported.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("format", "version", "meta", "genres", "franchises", "games", "editions",
                "playthroughs", "lists", "list_entries");
        for (String section : List.of("genres", "franchises", "games", "editions", "playthroughs", "lists", "list_entries")) {
            assertThat(exported.at("/meta/counts/" + section).asInt()).as(section).isEqualTo(document.get(section).size());
            assertThat(byId(exported.get(section))).as(section).isEqualTo(byId(document.get(section)));
        }
    }

    @Test
    void anExportImportedIntoAnEmptyDatabaseExportsToTheSameBytes() {
        byte[] first = export(app);
        var imported = second.post("/api/import", first);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        byte[] again = export(second);
        assertThat(new String(again, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(first, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theExportNeedsAToken() {
        var anonymous = app.get("/api/export");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void problemsInAnySectionRefuseTheWholeDocument() {
        ObjectNode broken = (ObjectNode) document.deepCopy();
        ((ObjectNode) broken.get("games").get(0)).put("name", "A renamed game");
        ((ObjectNode) broken.get("playthroughs").get(3)).put("edition", "no-such-edition");
        ((ObjectNode) broken.get("playthroughs").get(4)).put("rating", 11);
        JsonNode entry = null;
        for (JsonNode e : broken.get("list_entries")) {
            if (!e.get("position").isNull() && entry == null) {
                entry = e;
            }
        }
        ((ObjectNode) entry).put("position", 999);
        var response = api.post("/api/import", broken);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("playthroughs[3].edition", "playthroughs[4].rating");
        assertThat(fields).anyMatch(f -> f.startsWith("list_entries[") && f.endsWith("].position"));
        assertThat(response.json().get("error_count").asInt()).isEqualTo(3);
        // all or nothing: the catalog change went nowhere either
        assertThat(api.get("/api/games/" + document.get("games").get(0).get("slug").asText()).json().get("name").asText())
                .isEqualTo(document.get("games").get(0).get("name").asText());
    }

    @Test
    void aDryRunCountsAndWritesNothing() {
        ObjectNode extra = (ObjectNode) document.deepCopy();
        ObjectNode added = ((com.fasterxml.jackson.databind.node.ArrayNode) extra.get("playthroughs")).addObject();
        added.put("id", "00000000-0000-4000-8000-000000000001").put("edition", document.at("/editions/0/slug").asText())
                .putNull("game").put("platform", "").putNull("started_at").putNull("completed_at")
                .putNull("playtime_hours").putNull("rating").put("notes", "");
        JsonNode report = api.post("/api/import?dry_run=true", extra).json();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("dry_run").asBoolean()).isTrue();
        assertThat(report.at("/sections/playthroughs/created").asInt()).isEqualTo(1);
        assertThat(api.get("/api/playthroughs/00000000-0000-4000-8000-000000000001").status()).isEqualTo(404);
    }
}
