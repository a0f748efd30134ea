package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/playthroughs} and {@code GET /api/games/{slug}/playthroughs}: filters, orders, pages. */
class PlaythroughListTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of(), new TickingClock(Instant.parse("2026-01-01T00:00:00Z")));
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void journal() {
        var catalog = new Catalog(app.deps().jdbi());
        catalog.game("alpha", "Alpha", null);
        catalog.game("bravo", "Bravo", null);
        catalog.game("charlie", "Charlie", null);
        add("alpha", "a1", Map.of("platform", "PC", "completed_at", "2024-03-01", "rating", 7));
        add("alpha", "a2", Map.of("platform", "pc", "completed_at", "2025-01-10", "rating", 9, "playtime_minutes", 300));
        add("bravo", "b1", Map.of("platform", "Switch", "started_at", "2025-02-01", "playtime_minutes", 100));
        add("bravo", "b2", Map.of("platform", "Switch", "status", "paused", "started_at", "2024-12-24", "rating", 3));
        add("charlie", "c1", Map.of("status", "planned"));
        add("charlie", "c2", Map.of("platform", "PS5", "completed_at", "2024-07-07", "started_at", "2024-07-01", "playtime_minutes", 900));
    }

    static void add(String game, String ref, Map<String, Object> fields) {
        var body = new java.util.LinkedHashMap<String, Object>(fields);
        body.put("notes", ref);
        var response = api.post("/api/games/" + game + "/playthroughs", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    static List<String> notes(String path) {
        var response = api.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        response.json().path("items").forEach(p -> out.add(p.path("notes").asText()));
        return out;
    }

    @Test
    void theDefaultOrderIsNewestCompletionFirstThenNewestCreated() {
        JsonNode page = api.get("/api/playthroughs").json();
        assertThat(page.path("total").asInt()).isEqualTo(6);
        assertThat(page.path("limit").asInt()).isEqualTo(50);
        assertThat(page.path("offset").asInt()).isZero();
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(notes("/api/playthroughs")).containsExactly("a2", "c2", "a1", "c1", "b2", "b1");
    }

    @Test
    void filtersCombine() {
        assertThat(notes("/api/playthroughs?status=completed")).containsExactly("a2", "c2", "a1");
        assertThat(notes("/api/playthroughs?platform=PC")).containsExactly("a2", "a1");
        assertThat(notes("/api/playthroughs?platform=switch")).containsExactly("b2", "b1");
        // year: of completion, or of the start while not completed
        assertThat(notes("/api/playthroughs?year=2024")).containsExactly("c2", "a1", "b2");
        assertThat(notes("/api/playthroughs?year=2025")).containsExactly("a2", "b1");
        assertThat(notes("/api/playthroughs?game=bravo")).containsExactly("b2", "b1");
        assertThat(notes("/api/playthroughs?game=alpha&year=2025&status=completed")).containsExactly("a2");
        assertThat(notes("/api/playthroughs?game=no-such-game")).isEmpty();
        assertThat(notes("/api/games/charlie/playthroughs")).containsExactly("c2", "c1");
        assertThat(notes("/api/games/alpha/playthroughs?platform=pc")).containsExactly("a2", "a1");
    }

    @Test
    void sortsPutMissingValuesLast() {
        assertThat(notes("/api/playthroughs?sort=-rating")).containsExactly("a2", "a1", "b2", "c2", "c1", "b1");
        assertThat(notes("/api/playthroughs?sort=rating")).containsExactly("b2", "a1", "a2", "c2", "c1", "b1");
        assertThat(notes("/api/playthroughs?sort=-playtime")).containsExactly("c2", "a2", "b1", "c1", "b2", "a1");
        assertThat(notes("/api/playthroughs?sort=completed_at")).containsExactly("a1", "c2", "a2", "c1", "b2", "b1");
        assertThat(notes("/api/playthroughs?sort=started_at")).containsExactly("c2", "b2", "b1", "c1", "a2", "a1");
        assertThat(notes("/api/playthroughs?sort=created_at")).containsExactly("a1", "a2", "b1", "b2", "c1", "c2");
        assertThat(notes("/api/playthroughs?sort=-created_at")).containsExactly("c2", "c1", "b2", "b1", "a2", "a1");
    }

    @Test
    void pagesLinkToTheNextOne() {
        JsonNode first = api.get("/api/playthroughs?sort=created_at&limit=4").json();
        assertThat(first.path("items")).hasSize(4);
        assertThat(first.path("total").asInt()).isEqualTo(6);
        assertThat(first.path("next").asText()).isEqualTo("/api/playthroughs?sort=created_at&limit=4&offset=4");
        JsonNode second = api.get(first.path("next").asText()).json();
        assertThat(second.path("items")).hasSize(2);
        assertThat(second.path("offset").asInt()).isEqualTo(4);
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(second.path("items").get(0).path("notes").asText()).isEqualTo("c1");
    }

    @Test
    void badParametersAreBadRequests() {
        for (String query : List.of("status=done", "sort=name", "limit=0", "limit=5001", "offset=-1", "year=abc")) {
            var response = api.get("/api/playthroughs?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(query.split("=")[0]);
        }
    }
}
