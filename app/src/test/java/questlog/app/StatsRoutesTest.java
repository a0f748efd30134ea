package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/stats} on a small hand-made library; every expected figure below is worked
 * out by hand from the nine playthroughs listed in {@link #journal()}.
 */
class StatsRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    /*
     *  #  game     status     started     completed   playtime (min)        rating  platform
     *  1  alpha    completed  2022-12-01  2023-01-10  600                   9       PC
     *  2  alpha    completed  2023-01-20  2023-02-05  300                   7       PC
     *  3  bravo    completed  -           2023-03-15  sessions 90 + 30=120  8       Switch
     *  4  charlie  completed  -           2023-05-01  45                    -       Switch
     *  5  charlie  playing    2024-01-02  -           -                     -       -
     *  6  delta    planned    -           -           -                     -       -
     *  7  bravo    paused     2024-02-01  -           60                    4       PC
     *  8  delta    abandoned  2023-06-01  -           30                    2       PC
     *  9  alpha    completed  2024-12-01  2024-12-31  90                    10      PS5
     *  genres: alpha = Action + RPG, bravo = RPG, charlie = Action + Puzzle, delta = Puzzle, echo = none
     *  franchises: alpha, bravo = Final Fantasy; charlie = Zelda; delta, echo = none. echo is never played.
     */
    @BeforeAll
    static void journal() {
        var catalog = new Catalog(app.deps().jdbi());
        catalog.genre("action", "Action");
        catalog.genre("puzzle", "Puzzle");
        catalog.genre("rpg", "RPG");
        catalog.franchise("final-fantasy", "Final Fantasy");
        catalog.franchise("zelda", "Zelda");
        catalog.game("alpha", "Alpha", "final-fantasy", "action", "rpg");
        catalog.game("bravo", "Bravo", "final-fantasy", "rpg");
        catalog.game("charlie", "Charlie", "zelda", "action", "puzzle");
        catalog.game("delta", "Delta", null, "puzzle");
        catalog.game("echo", "Echo", null);
        add("alpha", "started_at", "2022-12-01", "completed_at", "2023-01-10", "playtime_minutes", 600, "rating", 9, "platform", "PC");
        add("alpha", "started_at", "2023-01-20", "completed_at", "2023-02-05", "playtime_minutes", 300, "rating", 7, "platform", "PC");
        String three = add("bravo", "completed_at", "2023-03-15", "rating", 8, "platform", "Switch");
        assertThat(api.post("/api/playthroughs/" + three + "/sessions", Map.of("minutes", 90)).status()).isEqualTo(201);
        assertThat(api.post("/api/playthroughs/" + three + "/sessions", Map.of("minutes", 30)).status()).isEqualTo(201);
        add("charlie", "completed_at", "2023-05-01", "playtime_minutes", 45, "platform", "Switch");
        add("charlie", "status", "playing", "started_at", "2024-01-02");
        add("delta", "status", "planned");
        add("bravo", "status", "paused", "started_at", "2024-02-01", "playtime_minutes", 60, "rating", 4, "platform", "PC");
        add("delta", "status", "abandoned", "started_at", "2023-06-01", "playtime_minutes", 30, "rating", 2, "platform", "PC");
        add("alpha", "started_at", "2024-12-01", "completed_at", "2024-12-31", "playtime_minutes", 90, "rating", 10, "platform", "PS5");
    }

    static String add(String game, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        var response = api.post("/api/games/" + game + "/playthroughs", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    static JsonNode json(String text) {
        try {
            return TestApp.JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void allTimeFigures() {
        var response = api.get("/api/stats");
        assertThat(response.status()).isEqualTo(200);
        JsonNode stats = response.json();
        assertThat(stats.path("year").isNull()).isTrue();
        // 1245 minutes = 600 + 300 + 120 + 45 + 60 + 30 + 90; 20.75 h shown with one decimal
        assertThat(stats.path("totals")).isEqualTo(json("""
                {'games': 5, 'games_played': 4, 'games_completed': 3, 'playthroughs': 9, 'planned': 1, 'playing': 1,
                 'paused': 1, 'completed': 5, 'abandoned': 1, 'sessions': 2, 'playtime_minutes': 1245,
                 'playtime_hours': 20.8}"""));
        assertThat(stats.path("completions_per_year")).isEqualTo(json("""
                [{'year': 2023, 'completed': 4}, {'year': 2024, 'completed': 1}]"""));
        assertThat(stats.path("completions_per_month")).isEqualTo(json("""
                [{'month': '2023-01', 'completed': 1}, {'month': '2023-02', 'completed': 1},
                 {'month': '2023-03', 'completed': 1}, {'month': '2023-05', 'completed': 1},
                 {'month': '2024-12', 'completed': 1}]"""));
        // PC: 600 + 300 + 60 + 30; Switch: 120 + 45; PS5: 90; no platform: #5 (#6 is planned: not played)
        // shown by display name and key ("Switch" and "PS5" are spellings of known platforms)
        assertThat(stats.path("hours_per_platform")).isEqualTo(json("""
                [{'platform': 'PC', 'platform_key': 'pc', 'playthroughs': 4, 'playtime_minutes': 990, 'playtime_hours': 16.5},
                 {'platform': 'Nintendo Switch', 'platform_key': 'switch', 'playthroughs': 2, 'playtime_minutes': 165,
                  'playtime_hours': 2.8},
                 {'platform': 'PlayStation 5', 'platform_key': 'ps5', 'playthroughs': 1, 'playtime_minutes': 90,
                  'playtime_hours': 1.5},
                 {'platform': null, 'platform_key': null, 'playthroughs': 1, 'playtime_minutes': 0, 'playtime_hours': 0.0}]"""));
        // rated: 9, 7, 8, 4, 2, 10 -> 40 / 6 = 6.67
        assertThat(stats.path("ratings")).isEqualTo(json("""
                {'count': 6, 'average': 6.67, 'distribution': [
                  {'rating': 1, 'count': 0}, {'rating': 2, 'count': 1}, {'rating': 3, 'count': 0},
                  {'rating': 4, 'count': 1}, {'rating': 5, 'count': 0}, {'rating': 6, 'count': 0},
                  {'rating': 7, 'count': 1}, {'rating': 8, 'count': 1}, {'rating': 9, 'count': 1},
                  {'rating': 10, 'count': 1}]}"""));
        // completions #1 #2 #9 (alpha: Action, RPG), #3 (bravo: RPG), #4 (charlie: Action, Puzzle)
        assertThat(stats.path("top_genres")).isEqualTo(json("""
                [{'slug': 'action', 'name': 'Action', 'completed': 4, 'games': 2, 'playtime_minutes': 1035, 'playtime_hours': 17.3},
                 {'slug': 'rpg', 'name': 'RPG', 'completed': 4, 'games': 2, 'playtime_minutes': 1110, 'playtime_hours': 18.5},
                 {'slug': 'puzzle', 'name': 'Puzzle', 'completed': 1, 'games': 1, 'playtime_minutes': 45, 'playtime_hours': 0.8}]"""));
        assertThat(stats.path("top_franchises")).isEqualTo(json("""
                [{'slug': 'final-fantasy', 'name': 'Final Fantasy', 'completed': 4, 'games': 2, 'playtime_minutes': 1110, 'playtime_hours': 18.5},
                 {'slug': 'zelda', 'name': 'Zelda', 'completed': 1, 'games': 1, 'playtime_minutes': 45, 'playtime_hours': 0.8}]"""));
        // delta is planned and never completed; bravo is paused but was completed before: not backlog
        assertThat(stats.path("backlog")).isEqualTo(json("{'size': 1, 'planned': 1, 'paused': 0}"));
        // 2023-01, 2023-02, 2023-03 in a row; then 2023-05 and 2024-12 alone
        assertThat(stats.path("longest_streak")).isEqualTo(json("{'months': 3, 'first_month': '2023-01', 'last_month': '2023-03'}"));
        assertThat(stats.path("year_in_review").isNull()).isTrue();
    }

    @Test
    void yearInReview() {
        JsonNode stats = api.get("/api/stats?year=2023").json();
        assertThat(stats.path("year").asInt()).isEqualTo(2023);
        assertThat(stats.path("totals").path("playthroughs").asInt()).isEqualTo(9);
        JsonNode review = stats.path("year_in_review");
        // completed in 2023: #1 #2 #3 #4; started in 2023: #2 #8; playtime 600 + 300 + 120 + 45 = 1065
        // mean rating of the rated ones (9, 7, 8) = 8
        assertThat(review.path("year").asInt()).isEqualTo(2023);
        assertThat(review.path("completed").asInt()).isEqualTo(4);
        assertThat(review.path("games_completed").asInt()).isEqualTo(3);
        assertThat(review.path("started").asInt()).isEqualTo(2);
        assertThat(review.path("playtime_minutes").asInt()).isEqualTo(1065);
        assertThat(review.path("playtime_hours").decimalValue()).isEqualByComparingTo("17.8");
        assertThat(review.path("average_rating").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(review.path("months")).isEqualTo(json("""
                [{'month': '2023-01', 'completed': 1}, {'month': '2023-02', 'completed': 1},
                 {'month': '2023-03', 'completed': 1}, {'month': '2023-04', 'completed': 0},
                 {'month': '2023-05', 'completed': 1}, {'month': '2023-06', 'completed': 0},
                 {'month': '2023-07', 'completed': 0}, {'month': '2023-08', 'completed': 0},
                 {'month': '2023-09', 'completed': 0}, {'month': '2023-10', 'completed': 0},
                 {'month': '2023-11', 'completed': 0}, {'month': '2023-12', 'completed': 0}]"""));
        assertThat(review.path("top_rated")).isEqualTo(json("""
                [{'game_slug': 'alpha', 'game_name': 'Alpha', 'completed_at': '2023-01-10', 'rating': 9, 'platform': 'PC',
                  'platform_key': 'pc', 'playtime_minutes': 600, 'playtime_hours': 10.0},
                 {'game_slug': 'bravo', 'game_name': 'Bravo', 'completed_at': '2023-03-15', 'rating': 8,
                  'platform': 'Nintendo Switch', 'platform_key': 'switch', 'playtime_minutes': 120, 'playtime_hours': 2.0},
                 {'game_slug': 'alpha', 'game_name': 'Alpha', 'completed_at': '2023-02-05', 'rating': 7, 'platform': 'PC',
                  'platform_key': 'pc', 'playtime_minutes': 300, 'playtime_hours': 5.0}]"""));
        // #1 #2 (Action, RPG), #3 (RPG), #4 (Action, Puzzle)
        assertThat(review.path("top_genres")).isEqualTo(json("""
                [{'slug': 'action', 'name': 'Action', 'completed': 3, 'games': 2, 'playtime_minutes': 945, 'playtime_hours': 15.8},
                 {'slug': 'rpg', 'name': 'RPG', 'completed': 3, 'games': 2, 'playtime_minutes': 1020, 'playtime_hours': 17.0},
                 {'slug': 'puzzle', 'name': 'Puzzle', 'completed': 1, 'games': 1, 'playtime_minutes': 45, 'playtime_hours': 0.8}]"""));
        assertThat(review.path("platforms")).isEqualTo(json("""
                [{'platform': 'PC', 'platform_key': 'pc', 'playthroughs': 2, 'playtime_minutes': 900, 'playtime_hours': 15.0},
                 {'platform': 'Nintendo Switch', 'platform_key': 'switch', 'playthroughs': 2, 'playtime_minutes': 165,
                  'playtime_hours': 2.8}]"""));
        assertThat(review.path("first_completion").path("game_slug").asText()).isEqualTo("alpha");
        assertThat(review.path("first_completion").path("completed_at").asText()).isEqualTo("2023-01-10");
        assertThat(review.path("last_completion")).isEqualTo(json("""
                {'game_slug': 'charlie', 'game_name': 'Charlie', 'completed_at': '2023-05-01', 'rating': null,
                 'platform': 'Nintendo Switch', 'platform_key': 'switch', 'playtime_minutes': 45, 'playtime_hours': 0.8}"""));
    }

    @Test
    void aYearWithoutPlayIsAllZerosAndNulls() {
        JsonNode review = api.get("/api/stats?year=2019").json().path("year_in_review");
        assertThat(review.path("completed").asInt()).isZero();
        assertThat(review.path("started").asInt()).isZero();
        assertThat(review.path("playtime_minutes").asInt()).isZero();
        assertThat(review.path("playtime_hours").decimalValue()).isEqualByComparingTo("0");
        assertThat(review.path("average_rating").isNull()).isTrue();
        assertThat(review.path("months")).hasSize(12);
        review.path("months").forEach(m -> assertThat(m.path("completed").asInt()).isZero());
        assertThat(review.path("top_rated")).isEmpty();
        assertThat(review.path("top_genres")).isEmpty();
        assertThat(review.path("platforms")).isEmpty();
        assertThat(review.path("first_completion").isNull()).isTrue();
        assertThat(review.path("last_completion").isNull()).isTrue();
    }

    @Test
    void badYearsAreBadRequests() {
        for (String year : new String[] {"abc", "1800", "20233"}) {
            var response = api.get("/api/stats?year=" + year);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("year");
        }
    }
}
