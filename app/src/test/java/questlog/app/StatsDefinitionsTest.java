package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each figure of {@code GET /api/stats} as the README's "Stats" section defines it, on a library
 * made to tell the definitions apart: a game whose only run is planned, one only abandoned, one
 * completed twice and paused since, one only paused, and one never logged.
 */
class StatsDefinitionsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void journal() {
        var catalog = new Catalog(app.deps().jdbi());
        for (String game : List.of("planned-only", "abandoned-only", "replayed", "paused-only", "untouched")) {
            catalog.game(game, game, null);
        }
        add("planned-only", "status", "planned", "platform", "Switch");
        add("abandoned-only", "status", "abandoned", "started_at", "2024-01-01", "playtime_minutes", 30, "rating", 3,
                "platform", "PC");
        add("replayed", "completed_at", "2024-02-01", "playtime_minutes", 600, "rating", 9, "platform", "PC");
        add("replayed", "completed_at", "2024-03-01", "playtime_minutes", 300, "rating", 8, "platform", "PS5");
        add("replayed", "status", "paused", "started_at", "2024-04-01");
        add("paused-only", "status", "paused", "started_at", "2024-05-01", "playtime_minutes", 60, "platform", "PC");
    }

    static void add(String game, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        var response = api.post("/api/games/" + game + "/playthroughs", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    static JsonNode stats() {
        var response = api.get("/api/stats?year=2024");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void gamesCountsTheLibraryAndGamesPlayedLeavesOutGamesWithOnlyPlannedRuns() {
        JsonNode totals = stats().path("totals");
        assertThat(totals.path("games").asInt()).isEqualTo(5);
        assertThat(totals.path("games_played").asInt()).as("abandoned-only, replayed, paused-only").isEqualTo(3);
        assertThat(totals.path("games_completed").asInt()).as("replayed").isEqualTo(1);
    }

    @Test
    void playthroughFiguresCountEveryRunByStatus() {
        JsonNode totals = stats().path("totals");
        assertThat(totals.path("playthroughs").asInt()).isEqualTo(6);
        assertThat(totals.path("planned").asInt()).isEqualTo(1);
        assertThat(totals.path("playing").asInt()).isZero();
        assertThat(totals.path("paused").asInt()).isEqualTo(2);
        assertThat(totals.path("completed").asInt()).isEqualTo(2);
        assertThat(totals.path("abandoned").asInt()).isEqualTo(1);
        assertThat(totals.path("sessions").asInt()).isZero();
        // 30 + 600 + 300 + 60: every run's playtime, whatever its status
        assertThat(totals.path("playtime_minutes").asInt()).isEqualTo(990);
    }

    @Test
    void completionsAreCompletedRunsDatedByCompletedAtAndAGameCompletedTwiceCountsTwice() {
        JsonNode stats = stats();
        assertThat(stats.path("completions_per_year")).hasSize(1);
        assertThat(stats.path("completions_per_year").get(0).path("completed").asInt()).isEqualTo(2);
        assertThat(stats.path("completions_per_month")).extracting(m -> m.path("month").asText())
                .containsExactly("2024-02", "2024-03");
        assertThat(stats.path("longest_streak").path("months").asInt()).isEqualTo(2);
        assertThat(stats.path("year_in_review").path("completed").asInt()).isEqualTo(2);
        assertThat(stats.path("year_in_review").path("games_completed").asInt()).isEqualTo(1);
        // started in 2024: every run with a started_at in it (abandoned-only, replayed's third, paused-only)
        assertThat(stats.path("year_in_review").path("started").asInt()).isEqualTo(3);
    }

    @Test
    void platformsCountPlayedRunsOnlyWithTheirPlaytime() {
        List<String> shown = new ArrayList<>();
        stats().path("hours_per_platform").forEach(p -> shown.add(p.path("platform").asText() + ":"
                + p.path("playthroughs").asInt() + ":" + p.path("playtime_minutes").asInt()));
        // the planned Switch run is not play; the paused run without a platform is (null)
        assertThat(shown).containsExactly("PC:3:690", "PlayStation 5:1:300", "null:1:0");
    }

    @Test
    void ratingsCountEveryRatedRun() {
        JsonNode ratings = stats().path("ratings");
        assertThat(ratings.path("count").asInt()).isEqualTo(3);
        assertThat(ratings.path("average").decimalValue()).isEqualByComparingTo("6.67");
    }

    @Test
    void theBacklogIsGamesWithAPlannedOrPausedRunAndNoCompletion() {
        JsonNode backlog = stats().path("backlog");
        // planned-only and paused-only; replayed is paused but was completed; abandoned-only is neither
        assertThat(backlog.path("size").asInt()).isEqualTo(2);
        assertThat(backlog.path("planned").asInt()).isEqualTo(1);
        assertThat(backlog.path("paused").asInt()).isEqualTo(1);
    }
}
