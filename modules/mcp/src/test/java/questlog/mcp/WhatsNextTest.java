package questlog.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggestion rules on hand-made libraries, in the shapes GET /api/games and /api/playthroughs answer. */
class WhatsNextTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> games = new ArrayList<>();
    final List<JsonNode> runs = new ArrayList<>();

    void game(String slug, int year, String franchise, String... genres) {
        ObjectNode g = JSON.createObjectNode().put("slug", slug).put("name", slug.toUpperCase()).put("original_release_year", year);
        if (franchise == null) {
            g.putNull("franchise");
        } else {
            g.putObject("franchise").put("name", franchise);
        }
        var list = g.putArray("genres");
        for (String genre : genres) {
            list.addObject().put("name", genre);
        }
        games.add(g);
    }

    void run(String slug, String status, Integer rating, Double hours, String updatedAt) {
        ObjectNode p = JSON.createObjectNode().put("status", status).put("updated_at", updatedAt);
        p.putObject("game").put("slug", slug);
        if (rating == null) {
            p.putNull("rating");
        } else {
            p.put("rating", rating);
        }
        if (hours == null) {
            p.putNull("playtime_hours");
        } else {
            p.put("playtime_hours", hours);
        }
        runs.add(p);
    }

    List<String> slugs(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("suggestions").forEach(s -> out.add(s.path("slug").asText()));
        return out;
    }

    @Test
    void completedAndAbandonedGamesAreNoCandidatesAndStartedOnesComeFirst() {
        game("done", 2000, null);
        game("gave-up", 2001, null);
        game("paused", 2002, null);
        game("planned", 2003, null);
        game("fresh", 2004, null);
        run("done", "completed", 8, 10.0, "2024-01-01T00:00:00Z");
        run("gave-up", "abandoned", null, null, "2024-01-02T00:00:00Z");
        run("paused", "paused", null, 4.5, "2024-01-03T00:00:00Z");
        run("planned", "planned", null, null, "2024-01-04T00:00:00Z");
        JsonNode answer = WhatsNext.suggest(games, runs, 10);
        assertThat(slugs(answer)).containsExactly("paused", "planned", "fresh");
        assertThat(answer.path("candidates").asInt()).isEqualTo(3);
        assertThat(answer.at("/suggestions/0/reasons/0").asText()).isEqualTo("You paused it (4.5 h in); pick it back up.");
    }

    @Test
    void aReplayedAbandonedGameCountsByItsLatestRun() {
        game("retry", 2000, null);
        run("retry", "abandoned", null, null, "2023-01-01T00:00:00Z");
        run("retry", "playing", null, null, "2024-01-01T00:00:00Z");
        assertThat(slugs(WhatsNext.suggest(games, runs, 5))).containsExactly("retry");
    }

    @Test
    void seriesOrderPutsTheNextGameFirstAndHoldsBackOnesAfterAnUnfinishedEarlierOne() {
        game("zelda-1", 1986, "Zelda", "Adventure");
        game("zelda-2", 1987, "Zelda", "Adventure");
        game("zelda-3", 1991, "Zelda", "Adventure");
        game("other", 1990, null, "Adventure");
        run("zelda-1", "completed", 9, 12.0, "2024-01-01T00:00:00Z");
        JsonNode answer = WhatsNext.suggest(games, runs, 5);
        // zelda-3 still beats "other" on the series' rating, but a point below its predecessor.
        assertThat(slugs(answer)).containsExactly("zelda-2", "zelda-3", "other");
        assertThat(answer.at("/suggestions/0/score").asDouble() - answer.at("/suggestions/1/score").asDouble())
                .isEqualTo(2.5);
        assertThat(answer.at("/suggestions/0/reasons").toString()).contains(
                "next in the series after ZELDA-1 (1986)", "Zelda series highly: 9.0/10 over 1 completion.",
                "Adventure games highly", "about 12 h, going by your Zelda completions");
        assertThat(answer.at("/suggestions/1/reasons").toString()).contains("ZELDA-2 (1987) is not finished yet");
    }

    @Test
    void lowRatingsGiveNoAffinityAndAnEmptyLibraryNoSuggestion() {
        game("meh-1", 2000, "Meh", "Puzzle");
        game("meh-2", 2001, "Meh", "Puzzle");
        run("meh-1", "completed", 4, null, "2024-01-01T00:00:00Z");
        JsonNode answer = WhatsNext.suggest(games, runs, 5);
        assertThat(answer.at("/suggestions/0/reasons").toString()).doesNotContain("highly", "Time to beat");
        assertThat(WhatsNext.suggest(List.of(), List.of(), 5).path("suggestions")).isEmpty();
    }
}
