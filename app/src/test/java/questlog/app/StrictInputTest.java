package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What cannot be stored exactly as sent is refused with a 422 naming the field, and nothing is
 * written: each example here was once answered 201 with something else stored.
 */
class StrictInputTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @BeforeAll
    static void catalog() {
        new Catalog(app.deps().jdbi()).game("celeste", "Celeste", null);
    }

    static void assertUnprocessable(TestApp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(response.toString()).contains(field);
    }

    static int count(String table) {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    static String playthrough() {
        var created = app.post("/api/games/celeste/playthroughs", Map.of("started_at", "2025-01-01"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void aFractionalRatingIsRefused() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"rating\": 7.5}"), "rating");
        assertThat(count("playthrough")).isEqualTo(before);
    }

    @Test
    void anExponentWhereAWholeNumberBelongsIsRefused() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"rating\": 1e1}"), "rating");
        assertThat(count("playthrough")).isEqualTo(before);
    }

    @Test
    void fractionalSessionMinutesAreRefused() {
        String id = playthrough();
        assertUnprocessable(app.post("/api/playthroughs/" + id + "/sessions", "{\"minutes\": 10.7}"), "minutes");
        assertThat(count("play_session")).isZero();
    }

    @Test
    void aFractionalReleaseYearIsRefused() {
        assertUnprocessable(app.post("/api/games", "{\"name\": \"Hollow Knight\", \"original_release_year\": 2017.6}"),
                "original_release_year");
        assertThat(app.get("/api/games/hollow-knight").status()).isEqualTo(404);
    }

    @Test
    void hoursThatAreNotAWholeNumberOfMinutesAreRefusedAndOthersStoredExactly() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"playtime_hours\": 1.33}"), "playtime_hours");
        assertThat(count("playthrough")).isEqualTo(before);
        var exact = app.post("/api/games/celeste/playthroughs", "{\"playtime_hours\": 42.55}");
        assertThat(exact.status()).as(exact.toString()).isEqualTo(201);
        assertThat(exact.json().path("playtime_minutes").asInt()).isEqualTo(2553);
    }

    @Test
    void aDatetimeInADateFieldIsRefused() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"started_at\": \"2025-01-01T10:00:00Z\"}"),
                "started_at");
        assertThat(count("playthrough")).isEqualTo(before);
    }

    @Test
    void aLoneSurrogateIsRefused() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"notes\": \"a\\ud800b\"}"), "notes");
        assertThat(count("playthrough")).isEqualTo(before);
    }

    @Test
    void aSessionDatedOutsideTheJournalsYearsIsRefused() {
        String id = playthrough();
        assertUnprocessable(app.post("/api/playthroughs/" + id + "/sessions",
                Map.of("minutes", 30, "started_at", "1900-01-01T20:00:00Z")), "started_at");
        assertUnprocessable(app.post("/api/playthroughs/" + id + "/sessions",
                Map.of("minutes", 30, "started_at", "2201-01-01T00:00:00Z")), "started_at");
        assertThat(count("play_session")).isZero();
        var inRange = app.post("/api/playthroughs/" + id + "/sessions",
                Map.of("minutes", 30, "started_at", "1950-01-01T00:00:00Z"));
        assertThat(inRange.status()).as(inRange.toString()).isEqualTo(201);
    }

    @Test
    void aMissingRequiredFieldIs422OnEveryRoute() {
        String id = playthrough();
        assertUnprocessable(app.post("/api/playthroughs/" + id + "/sessions", Map.of("note", "no minutes")), "minutes");
        assertUnprocessable(app.post("/api/lists", Map.of("description", "no name")), "name");
        assertUnprocessable(app.post("/api/franchises", Map.of("slug", "no-name")), "name");
        assertUnprocessable(app.post("/api/genres", Map.of("slug", "no-name")), "name");
        assertUnprocessable(app.post("/api/games/celeste/editions", Map.of("slug", "no-name")), "name");
        assertUnprocessable(app.post("/api/webhooks", Map.of()), "url");
        assertThat(app.post("/api/lists", Map.of("name", "Backlog")).status()).isEqualTo(201);
        assertUnprocessable(app.post("/api/lists/backlog/entries", Map.of("notes", "which game?")), "game");
        assertUnprocessable(app.post("/api/lists/backlog/entries/bulk", Map.of()), "entries");
        var game = app.post("/api/games", Map.of("summary", "no name"));
        assertThat(game.status()).as(game.toString()).isEqualTo(422);
    }

    @Test
    void datesWithSurroundingSpacesAreRefusedOnCreateAndPatch() {
        int before = count("playthrough");
        var created = app.post("/api/games/celeste/playthroughs",
                "{\"started_at\": \" 2021-03-04 \", \"completed_at\": \"2021-03-05\"}");
        assertUnprocessable(created, "started_at");
        assertThat(created.json().at("/errors/0/message").asText()).contains("surrounding spaces");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs",
                "{\"started_at\": \"2021-03-04\", \"completed_at\": \"\\t2021-03-05\\n\"}"), "completed_at");
        assertThat(count("playthrough")).isEqualTo(before);

        String id = playthrough();
        assertUnprocessable(app.patch("/api/playthroughs/" + id, "{\"completed_at\": \"2025-02-01 \"}"), "completed_at");
        assertThat(app.get("/api/playthroughs/" + id).json().path("completed_at").isNull()).isTrue();

        assertUnprocessable(app.post("/api/games/celeste/editions",
                "{\"name\": \"Celeste Switch\", \"release_date\": \" 2018-01-25\"}"), "release_date");
        assertUnprocessable(app.post("/api/games", "{\"name\": \"Gris\", \"editions\": [{\"name\": \"Gris\", "
                + "\"release_date\": \"2018-12-13 \"}]}"), "editions[0].release_date");
        assertThat(app.get("/api/editions/celeste-switch").status()).isEqualTo(404);
        assertThat(app.get("/api/games/gris").status()).isEqualTo(404);
    }

    @Test
    void sessionTimestampsWithSpacesOrBeyondMicrosecondsAreRefused() {
        String id = playthrough();
        int before = count("play_session");
        for (String startedAt : List.of(" 2021-01-01T10:00:00Z ", "2021-01-01T10:00:00Z\\n",
                "2021-01-01T10:00:00.9999999Z", "2021-01-01T10:00:00.123456789Z")) {
            assertUnprocessable(app.post("/api/playthroughs/" + id + "/sessions",
                    "{\"minutes\": 30, \"started_at\": \"" + startedAt + "\"}"), "started_at");
        }
        assertThat(count("play_session")).isEqualTo(before);
        var exact = app.post("/api/playthroughs/" + id + "/sessions",
                "{\"minutes\": 30, \"started_at\": \"2021-01-01T10:00:00.123456Z\"}");
        assertThat(exact.status()).as(exact.toString()).isEqualTo(201);
        assertThat(exact.json().path("started_at").asText()).isEqualTo("2021-01-01T10:00:00.123456Z");
        String session = "/api/playthroughs/" + id + "/sessions/" + exact.json().path("id").asText();
        assertUnprocessable(app.patch(session, "{\"started_at\": \"2021-01-01T10:00:00.0000005Z\"}"), "started_at");
        assertUnprocessable(app.patch(session, "{\"started_at\": \" 2021-01-02T10:00:00Z\"}"), "started_at");
        assertThat(app.get(session).json().path("started_at").asText()).isEqualTo("2021-01-01T10:00:00.123456Z");
        assertThat(app.delete(session).status()).as("the other tests count sessions from none").isEqualTo(204);
    }

    @Test
    void enumValuesWithSurroundingSpacesAreRefused() {
        int before = count("playthrough");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"status\": \" completed\"}"), "status");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"completion\": \"story \"}"), "completion");
        assertUnprocessable(app.post("/api/games/celeste/playthroughs", "{\"source\": \"\\tmanual\"}"), "source");
        assertThat(count("playthrough")).isEqualTo(before);
        String id = playthrough();
        assertUnprocessable(app.patch("/api/playthroughs/" + id, "{\"status\": \"completed \"}"), "status");
        assertThat(app.get("/api/playthroughs/" + id).json().path("status").asText()).isEqualTo("playing");
        assertUnprocessable(app.post("/api/games/celeste/editions", "{\"name\": \"Celeste Port\", \"edition_type\": \" port \"}"),
                "edition_type");
        int hooks = count("webhook");
        assertUnprocessable(app.post("/api/webhooks", "{\"url\": \"https://hooks.example/q\", \"types\": [\" game_added\"]}"),
                "types");
        assertThat(count("webhook")).isEqualTo(hooks);
    }

    @Test
    void repeatedItemsOfAListAreRefusedNamingTheValue() {
        assertThat(app.post("/api/genres", Map.of("name", "RPG", "slug", "rpg")).status()).isEqualTo(201);
        var platforms = app.post("/api/games", "{\"name\": \"Hades\", \"platforms\": [\"pc\", \"switch\", \"pc\"]}");
        assertUnprocessable(platforms, "platforms[2]");
        assertThat(platforms.json().at("/errors/0/message").asText()).contains("'pc'");
        var genres = app.post("/api/games", "{\"name\": \"Hades\", \"genres\": [\"rpg\", \"rpg\"]}");
        assertUnprocessable(genres, "genres[1]");
        assertThat(genres.json().at("/errors/0/message").asText()).contains("'rpg'");
        assertUnprocessable(app.post("/api/games", "{\"name\": \"Hades\", \"editions\": [{\"name\": \"Hades\", "
                + "\"platforms\": [\"ps5\", \"ps5\"]}]}"), "editions[0].platforms[1]");
        assertThat(app.get("/api/games/hades").status()).isEqualTo(404);
        assertUnprocessable(app.patch("/api/games/celeste", "{\"genres\": [\"rpg\", \"rpg\"]}"), "genres[1]");
        assertUnprocessable(app.patch("/api/games/celeste", "{\"platforms\": [\"pc\", \"pc\"]}"), "platforms[1]");
        assertThat(app.get("/api/games/celeste").json().path("genres")).isEmpty();
        var fine = app.post("/api/games", "{\"name\": \"Hades\", \"platforms\": [\"pc\", \"switch\"], \"genres\": [\"rpg\"]}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
    }

    @Test
    void aDuplicateMemberNameIsRefusedAndNothingIsWritten() {
        for (String route : List.of("/api/genres", "/api/games", "/api/lists", "/api/franchises")) {
            var response = app.post(route, "{\"name\": \"dupA\", \"name\": \"dupB\"}");
            assertThat(response.status()).as(route + " " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("name");
        }
        assertThat(app.get("/api/genres/dupb").status()).isEqualTo(404);
        assertThat(app.get("/api/games/dupb").status()).isEqualTo(404);
        assertThat(app.get("/api/lists/dupb").status()).isEqualTo(404);
        String id = playthrough();
        var nested = app.patch("/api/playthroughs/" + id, "{\"rating\": 7, \"rating\": 8}");
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(app.get("/api/playthroughs/" + id).json().path("rating").isNull()).isTrue();
    }

    @Test
    void anEmptyImportDocumentIsRefused() {
        var empty = app.post("/api/import", "{}");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        var unrecognised = app.post("/api/import", "{\"playlists\": []}");
        assertThat(unrecognised.status()).as(unrecognised.toString()).isEqualTo(422);
        assertThat(unrecognised.contentType()).startsWith("application/problem+json");
    }
}
