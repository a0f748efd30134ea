package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A game's detail carries its playthroughs (from the journal) and the lists it is in (from
 * lists, private ones only with a token); deleting the game takes both along and closes the gap
 * it leaves in a ranked list.
 */
class GameDetailSectionsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void library() {
        var catalog = new Catalog(app.deps().jdbi());
        for (String slug : List.of("outer-wilds", "inscryption", "hollow-knight")) {
            catalog.game(slug, slug, null);
        }
        api.post("/api/games/outer-wilds/playthroughs", Map.of("completed_at", "2024-05-01", "rating", 10));
        api.post("/api/games/outer-wilds/playthroughs", Map.of("status", "planned", "notes", "replay with DLC"));
        api.post("/api/lists", Map.of("name", "Top", "is_ranked", true));
        api.post("/api/lists", Map.of("name", "Hidden", "is_public", false));
        for (String game : List.of("hollow-knight", "outer-wilds", "inscryption")) {
            api.post("/api/lists/top/entries", Map.of("game", game));
        }
        api.post("/api/lists/hidden/entries", Map.of("game", "outer-wilds", "notes", "secret"));
    }

    @Test
    void theGamesListFiltersByPlaythroughStatus() {
        api.post("/api/games/hollow-knight/playthroughs", Map.of("status", "playing", "started_at", "2025-02-01"));
        assertThat(slugs(api.get("/api/games?status=completed").json().get("items"), "slug")).containsExactly("outer-wilds");
        assertThat(slugs(api.get("/api/games?status=planned").json().get("items"), "slug")).containsExactly("outer-wilds");
        assertThat(slugs(api.get("/api/games?status=playing").json().get("items"), "slug")).containsExactly("hollow-knight");
        assertThat(api.get("/api/games?status=abandoned").json().get("total").asInt()).isZero();
        var bad = app.get("/api/games?status=finished");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("status");
    }

    static List<String> slugs(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void theDetailShowsPlaythroughsAndPublicLists() {
        JsonNode game = api.get("/api/games/outer-wilds").json();
        JsonNode playthroughs = game.get("playthroughs");
        assertThat(playthroughs).hasSize(2);
        assertThat(playthroughs.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(playthroughs.get(0).get("rating").asInt()).isEqualTo(10);
        assertThat(playthroughs.get(0).at("/game/slug").asText()).isEqualTo("outer-wilds");
        assertThat(playthroughs.get(1).get("notes").asText()).isEqualTo("replay with DLC");
        JsonNode lists = game.get("lists");
        assertThat(slugs(lists, "slug")).containsExactly("top");
        assertThat(lists.get(0).get("position").asInt()).isEqualTo(2);
        assertThat(lists.get(0).get("is_ranked").asBoolean()).isTrue();

        JsonNode withToken = api.get("/api/games/outer-wilds", "Authorization", "Bearer " + app.writeToken()).json();
        assertThat(slugs(withToken.get("lists"), "slug")).containsExactly("hidden", "top");
        assertThat(withToken.get("lists").get(0).get("notes").asText()).isEqualTo("secret");

        JsonNode other = api.get("/api/games/inscryption").json();
        assertThat(other.get("playthroughs")).isEmpty();
        assertThat(other.get("lists").get(0).get("position").asInt()).isEqualTo(3);
    }

    @Test
    void deletingAGameTakesItsJournalAndEntriesAlongAndClosesTheGap() {
        var catalog = new Catalog(app.deps().jdbi());
        catalog.game("celeste", "Celeste", null);
        api.post("/api/lists", Map.of("name", "Gap", "is_ranked", true));
        for (String game : List.of("hollow-knight", "celeste", "inscryption")) {
            api.post("/api/lists/gap/entries", Map.of("game", game));
        }
        String playthrough = api.post("/api/games/celeste/playthroughs", Map.of("started_at", "2025-01-01")).json()
                .get("id").asText();

        assertThat(api.delete("/api/games/celeste").status()).isEqualTo(204);

        assertThat(api.get("/api/playthroughs/" + playthrough).status()).isEqualTo(404);
        JsonNode list = api.get("/api/lists/gap").json();
        assertThat(slugs(list.get("entries"), "work_slug")).containsExactly("hollow-knight", "inscryption");
        assertThat(list.get("entries").get(1).get("position").asInt()).isEqualTo(2);
        JsonNode removed = api.get("/api/lists/gap/activity?limit=1").json().get(0);
        assertThat(removed.get("verb").asText()).isEqualTo("removed");
        assertThat(removed.at("/metadata/position").asInt()).isEqualTo(2);
        assertThat(removed.at("/metadata/reason").asText()).isEqualTo("game_deleted");
        assertThat(removed.get("entries")).extracting(JsonNode::asText).containsExactly("celeste");
    }
}
