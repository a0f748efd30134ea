package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/import/gist on a gist with the hard cases (gists/rpgs.md): nested items, Unicode and
 * punctuation in titles and headings, a game in several sections, replays, bare links, an empty
 * section, a numbered ranking, an abandoned section, prose and a task box; games already in the
 * library found by slug, by name and by Steam id. The dry run writes nothing; the second run
 * creates nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GistImportTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static String gist;

    @BeforeAll
    static void library() throws IOException {
        try (InputStream in = GistImportTest.class.getResourceAsStream("/gists/rpgs.md")) {
            gist = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(app.post("/api/games", Map.of("name", "Persona 4 Golden")).status()).isEqualTo(201);
        assertThat(app.post("/api/games", Map.of("name", "Tales of Vesperia", "slug", "tov")).status()).isEqualTo(201);
        assertThat(app.post("/api/games", Map.of("name", "Cyberpunk 2077",
                "external_ids", List.of(Map.of("source", "steam", "external_id", "1091500")))).status()).isEqualTo(201);
    }

    static TestApp.Response importGist(String query) {
        return app.send("POST", "/api/import/gist" + query, gist, "Authorization", "Bearer " + app.writeToken(),
                "Content-Type", "text/markdown; charset=utf-8");
    }

    @Test
    @Order(1)
    void aDryRunReportsEverythingAndWritesNothing() {
        long gamesBefore = app.get("/api/games?limit=1").json().get("total").asLong();
        TestApp.Response response = importGist("?dry_run=true");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("dry_run").asBoolean()).isTrue();
        assertCounts(report.get("created"), 4, 18, 22, 1, 5);
        assertThat(app.get("/api/games?limit=1").json().get("total").asLong()).isEqualTo(gamesBefore);
        assertThat(app.get("/api/playthroughs?limit=1").json().get("total").asLong()).isZero();
        assertThat(app.get("/api/lists/top-5").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void theFirstRunCreatesWhatTheGistSays() {
        TestApp.Response response = importGist("");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("dry_run").asBoolean()).isFalse();
        assertThat(report.get("items").asInt()).isEqualTo(27);
        assertCounts(report.get("created"), 4, 18, 22, 1, 5);
        assertCounts(report.get("matched"), 0, 3, 0, 0, 0);
        assertThat(report.get("skipped").asInt()).isEqualTo(3);
        assertThat(lines(report, "skipped")).containsExactly(
                "3 line not a list item",
                "49 line a bare link names no game (only a Steam store link gives an id to match)",
                "59 line a task-list box: say the status with a heading instead");

        // Series headings are franchises; an empty section makes none.
        JsonNode ff4 = app.get("/api/games/final-fantasy-iv").json();
        assertThat(ff4.at("/franchise/name").asText()).isEqualTo("Final Fantasy");
        assertThat(app.get("/api/franchises/dragon-quest").status()).isEqualTo(404);
        JsonNode nier = app.get("/api/games/nier-automata").json();
        assertThat(nier.get("name").asText()).isEqualTo("NieR:Automata");
        assertThat(nier.at("/franchise/name").asText()).isEqualTo("Nier & friends: “Drakengard”");
        assertThat(app.get("/api/games/okami-hd").json().get("name").asText()).isEqualTo("Ōkami HD");
        assertThat(app.get("/api/games/persona-5-royal").json().get("name").asText()).isEqualTo("Persona 5 Royal");

        // A nested item is an expansion of the item above it.
        JsonNode stormblood = app.get("/api/games/stormblood").json();
        assertThat(stormblood.at("/parent_game/slug").asText()).isEqualTo("final-fantasy-xiv");
        assertThat(stormblood.get("relationship_type").asText()).isEqualTo("expansion");
        assertThat(app.get("/api/games/torna-the-golden-country").json().at("/parent_game/slug").asText())
                .isEqualTo("xenoblade-chronicles-2");

        // The platform by its key and display name ("SNES" is snes); notes as written; completions
        // undated; the status of the section.
        JsonNode ff4run = only(app.get("/api/playthroughs?game=final-fantasy-iv").json());
        assertThat(ff4run.get("status").asText()).isEqualTo("completed");
        assertThat(ff4run.get("platform").asText()).isEqualTo("Super Nintendo");
        assertThat(ff4run.get("platform_key").asText()).isEqualTo("snes");
        assertThat(ff4run.get("notes").asText()).isEqualTo("SNES, later the DS remake");
        assertThat(ff4run.get("completed_at").isNull()).isTrue();
        assertThat(ff4run.get("source").asText()).isEqualTo("import");
        JsonNode p4g = only(app.get("/api/playthroughs?game=persona-4-golden").json());
        assertThat(p4g.get("platform_key").asText()).isEqualTo("ps-vita");
        assertThat(p4g.get("notes").asText()).isEqualTo("Vita, NG+");
        JsonNode xc2 = only(app.get("/api/playthroughs?game=xenoblade-chronicles-2").json());
        assertThat(xc2.get("platform").isNull()).isTrue();
        assertThat(xc2.get("notes").asText()).isEqualTo("2018");
        JsonNode dq11 = only(app.get("/api/playthroughs?game=dragon-quest-xi").json());
        assertThat(dq11.get("status").asText()).isEqualTo("abandoned");
        assertThat(dq11.get("platform_key").asText()).isEqualTo("ps4");
        assertThat(only(app.get("/api/playthroughs?game=tov").json()).get("status").asText()).isEqualTo("abandoned");

        // A game in several sections is one game; listed twice as completed, two playthroughs.
        assertThat(app.get("/api/playthroughs?game=final-fantasy-vi").json().get("total").asInt()).isEqualTo(2);
        assertThat(app.get("/api/playthroughs?game=chrono-trigger").json().get("total").asInt()).isEqualTo(2);
        assertThat(app.get("/api/games?q=chrono").json().get("total").asInt()).isEqualTo(1);

        // A Steam link: a bare one matches by id, one with a name creates the game with the id.
        assertThat(app.get("/api/playthroughs?game=cyberpunk-2077").json().get("total").asInt()).isEqualTo(1);
        JsonNode xc3 = app.get("/api/games/xenoblade-chronicles-3").json();
        assertThat(xc3.get("external_ids").toString()).contains("9999999");

        // The numbered section is a ranked list in that order.
        JsonNode top = app.get("/api/lists/top-5").json();
        assertThat(top.get("is_ranked").asBoolean()).isTrue();
        List<String> ranking = new ArrayList<>();
        top.get("entries").forEach(e -> ranking.add(e.get("position").asInt() + " " + e.get("work_slug").asText()));
        assertThat(ranking).containsExactly("1 chrono-trigger", "2 final-fantasy-vi", "3 persona-4-golden",
                "4 nier-automata", "5 suikoden-ii");
    }

    @Test
    @Order(3)
    void theSecondRunCreatesNothing() {
        long events = app.get("/api/events?limit=1000").json().get("items").size();
        JsonNode report = importGist("").json();
        assertCounts(report.get("created"), 0, 0, 0, 0, 0);
        assertCounts(report.get("matched"), 0, 21, 0, 1, 0);
        assertCounts(report.get("unchanged"), 0, 0, 22, 0, 5);
        assertThat(app.get("/api/playthroughs?limit=1").json().get("total").asInt()).isEqualTo(22);
        assertThat(app.get("/api/events?limit=1000").json().get("items").size()).isEqualTo(events);
    }

    @Test
    @Order(4)
    void aBodyThatIsNoTextIsA400NamingIt() {
        for (byte[] body : List.of(new byte[0], "- a\0b".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28})) {
            TestApp.Response response = app.send("POST", "/api/import/gist", body,
                    "Authorization", "Bearer " + app.writeToken());
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("body");
        }
        assertThat(app.send("POST", "/api/import/gist", "- Okami").status()).isEqualTo(401);
    }

    private static JsonNode only(JsonNode page) {
        assertThat(page.get("items")).as(page.toString()).hasSize(1);
        return page.get("items").get(0);
    }

    private static List<String> lines(JsonNode report, String action) {
        List<String> out = new ArrayList<>();
        report.get("actions").forEach(a -> {
            if (a.get("action").asText().equals(action)) {
                out.add(a.get("line").asInt() + " " + a.get("kind").asText() + " " + a.get("detail").asText());
            }
        });
        return out;
    }

    private static void assertCounts(JsonNode counts, int franchises, int games, int playthroughs, int lists, int entries) {
        assertThat(List.of(counts.get("franchises").asInt(), counts.get("games").asInt(),
                counts.get("playthroughs").asInt(), counts.get("lists").asInt(), counts.get("list_entries").asInt()))
                .as(counts.toString())
                .containsExactly(franchises, games, playthroughs, lists, entries);
    }
}
