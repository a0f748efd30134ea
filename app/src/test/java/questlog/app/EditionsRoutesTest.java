package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.app.GamesRoutesTest.EVIL;
import static questlog.app.GamesRoutesTest.JSON;
import static questlog.app.GamesRoutesTest.PROBLEM;
import static questlog.app.GamesRoutesTest.assertConflict;
import static questlog.app.GamesRoutesTest.assertProblem;
import static questlog.app.GamesRoutesTest.created;
import static questlog.app.GamesRoutesTest.fields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/games/{slug}/editions} and the original API's {@code /api/editions} reads. */
class EditionsRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    /** The original API's edition, field for field and in its order. */
    static final List<String> COMPAT_EDITION_FIELDS = List.of("id", "work_id", "name", "slug", "edition_type", "igdb_id",
            "twitch_category_id", "cover_url", "release_date", "summary");

    static JsonNode okami;

    @BeforeAll
    static void games() {
        okami = created(app.post("/api/games", Map.of("name", "Ōkami", "original_release_year", 2006,
                "platforms", List.of("ps2"))));
        created(app.post("/api/games", Map.of("name", "Beyond Good & Evil")));
    }

    @Test
    void addsAnEditionWithAGeneratedSlugAndLocation() {
        var response = app.post("/api/games/okami/editions", Map.of("name", "Ōkami HD", "edition_type", "remaster",
                "platforms", List.of("ps4", "pc", "switch"), "release_date", "2017-12-12", "igdb_id", 7777,
                "twitch_category_id", "okami-hd-tc", "cover_url", "https://img.example/okami-hd.jpg",
                "summary", "Remastered in 4K."));
        JsonNode edition = created(response);
        assertThat(response.header("Location")).isEqualTo("/api/editions/okami-hd");
        assertThat(fields(edition)).containsExactly("id", "game_id", "name", "slug", "edition_type", "platforms",
                "release_date", "cover_url", "summary", "igdb_id", "twitch_category_id", "last_synced_at", "created_at",
                "updated_at");
        assertThat(edition.get("game_id").asText()).isEqualTo(okami.get("id").asText());
        assertThat(edition.get("name").asText()).isEqualTo("Ōkami HD");
        assertThat(edition.get("slug").asText()).isEqualTo("okami-hd");
        assertThat(edition.get("edition_type").asText()).isEqualTo("remaster");
        assertThat(edition.get("platforms").toString()).isEqualTo("[\"ps4\",\"pc\",\"switch\"]");
        assertThat(edition.get("release_date").asText()).isEqualTo("2017-12-12");
        assertThat(edition.get("igdb_id").asLong()).isEqualTo(7777);
        assertThat(edition.get("twitch_category_id").asText()).isEqualTo("okami-hd-tc");

        // in the game's detail, dated editions come before undated ones (the original has no date)
        JsonNode detail = app.get("/api/games/okami").json();
        List<String> slugs = new ArrayList<>();
        detail.get("editions").forEach(e -> slugs.add(e.get("slug").asText()));
        assertThat(slugs).containsExactly("okami-hd", "okami");

        var plain = created(app.post("/api/games/okami/editions/", Map.of("name", "Switch")));
        assertThat(plain.get("slug").asText()).isEqualTo("okami-switch");
        assertThat(plain.get("edition_type").asText()).isEqualTo("original");
        assertThat(plain.get("platforms").toString()).isEqualTo("[]");
        assertThat(plain.get("release_date").isNull()).isTrue();
    }

    @Test
    void keepsSqlMetacharactersAndEmojiInEveryStringField() {
        JsonNode edition = created(app.post("/api/games/beyond-good-evil/editions", Map.of("name", EVIL,
                "summary", EVIL, "cover_url", EVIL, "twitch_category_id", EVIL)));
        assertThat(edition.get("slug").asText()).isEqualTo("beyond-good-evil-robert-drop-table-game-quoted-back-slash-100-x");
        JsonNode read = app.get("/api/editions/" + edition.get("slug").asText()).json();
        for (String field : List.of("name", "summary", "cover_url", "twitch_category_id")) {
            assertThat(read.get(field).asText()).as(field).isEqualTo(EVIL);
        }
        var byTwitch = app.get("/api/editions/by-twitch/" + GamesRoutesTest.encode(EVIL).replace("+", "%20"));
        assertThat(byTwitch.status()).isEqualTo(200);
        assertThat(byTwitch.json().get("slug").asText()).isEqualTo("beyond-good-evil");
    }

    @Test
    void badEditionsAre400Or401Or404Or409Or422() {
        var anonymous = app.send("POST", "/api/games/okami/editions", "{\"name\": \"Sneaky\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith(PROBLEM);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Unauthorized");

        var unknownGame = app.post("/api/games/no-such-game/editions", Map.of("name", "Orphan"));
        assertThat(unknownGame.status()).isEqualTo(404);
        assertThat(unknownGame.json().get("detail").asText()).isEqualTo("Game not found");

        assertProblem(app.post("/api/games/okami/editions", Map.of("summary", "nameless")), 422, "name");
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Dated", "release_date", "12/12/2017")), 422, "release_date");
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Typed", "igdb_id", "seven")), 422, "igdb_id");
        assertProblem(app.post("/api/games/okami/editions", "{\"name\": \"Broken\""), 400, null);
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Typed", "edition_type", "deluxe")), 422,
                "edition_type");
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Typed", "slug", "Not_A_Slug")), 422, "slug");
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Long", "twitch_category_id", "9".repeat(256))),
                422, "twitch_category_id");
        assertProblem(app.post("/api/games/okami/editions", Map.of("name", "Nul", "summary", "\u0000")), 422, "summary");

        created(app.post("/api/games/okami/editions", Map.of("name", "Unique", "slug", "okami-unique", "igdb_id", 8888,
                "twitch_category_id", "unique-tc")));
        assertConflict(app.post("/api/games/okami/editions", Map.of("name", "Again", "slug", "okami-unique")), "slug");
        assertConflict(app.post("/api/games/okami/editions", Map.of("name", "Again", "igdb_id", 8888)), "igdb_id");
        assertConflict(app.post("/api/games/okami/editions", Map.of("name", "Again", "twitch_category_id", "unique-tc")),
                "twitch_category_id");
        assertThat(app.get("/api/editions?work=okami").json().findValuesAsText("name")).doesNotContain("Again");
    }

    @Test
    void releaseDatesOutsideTheReleaseYearsAre422AndNothingIsStored() {
        // Release dates span the release years (1940 to 2200). 0000-01-01 was stored as 1 BC, and
        // then an import of the server's own export failed with a 500.
        created(app.post("/api/games", Map.of("name", "Release Window")));
        for (String date : List.of("0000-01-01", "1939-12-31", "2201-01-01")) {
            assertProblem(app.post("/api/games/release-window/editions", Map.of("name", "Dated " + date,
                    "release_date", date)), 422, "release_date");
            assertProblem(app.post("/api/games", Map.of("name", "Dated game " + date, "editions",
                    List.of(Map.of("name", "Dated " + date, "release_date", date)))), 422, "editions[0].release_date");
        }
        assertThat(app.get("/api/editions?work=release-window").json().findValuesAsText("name"))
                .containsExactly("Release Window");
        assertThat(app.get("/api/games?q=dated").json().get("total").asInt()).isZero();

        JsonNode first = created(app.post("/api/games/release-window/editions", Map.of("name", "First day",
                "release_date", "1940-01-01")));
        JsonNode last = created(app.post("/api/games/release-window/editions", Map.of("name", "Last day",
                "release_date", "2200-12-31")));
        assertThat(first.get("release_date").asText()).isEqualTo("1940-01-01");
        assertThat(last.get("release_date").asText()).isEqualTo("2200-12-31");
    }

    @Test
    void listsEditionsInTheOriginalShapeByNameWithWorkFilterAndPaging() {
        created(app.post("/api/games", Map.of("name", "Listed Work", "editions", List.of(
                Map.of("name", "Listed B", "edition_type", "port", "release_date", "2001-02-03"),
                Map.of("name", "Listed A", "summary", "first")))));
        var response = app.get("/api/editions?work=listed-work");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode list = response.json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        JsonNode a = list.get(0);
        assertThat(fields(a)).containsExactlyElementsOf(COMPAT_EDITION_FIELDS);
        assertThat(a.get("name").asText()).isEqualTo("Listed A");
        assertThat(a.get("slug").asText()).isEqualTo("listed-work-listed-a");
        assertThat(a.get("edition_type").asText()).isEqualTo("original");
        assertThat(a.get("summary").asText()).isEqualTo("first");
        assertThat(a.get("igdb_id").isNull()).isTrue();
        assertThat(a.get("twitch_category_id").isNull()).isTrue();
        assertThat(a.get("cover_url").isNull()).isTrue();
        assertThat(a.get("release_date").isNull()).isTrue();
        assertThat(list.get(1).get("release_date").asText()).isEqualTo("2001-02-03");
        assertThat(list.get(1).get("work_id")).isEqualTo(a.get("work_id"));

        assertThat(app.get("/api/editions?work=listed-work&limit=1&offset=1").json().findValuesAsText("name"))
                .containsExactly("Listed B");
        assertThat(app.get("/api/editions?work=no-such-work").json()).isEmpty();
        assertThat(app.get("/api/editions").json().size()).isGreaterThanOrEqualTo(4);
        assertProblem(app.get("/api/editions?limit=-1"), 400, "limit");
        assertProblem(app.get("/api/editions?offset=x"), 400, "offset");
        assertProblem(app.get("/api/editions?work=%00"), 400, "work");
    }

    @Test
    void oneEditionOr404WithTheOriginalErrorBody() {
        var found = app.get("/api/editions/okami/");
        assertThat(found.status()).isEqualTo(200);
        assertThat(fields(found.json())).containsExactlyElementsOf(COMPAT_EDITION_FIELDS);
        assertThat(found.json().get("work_id").asText()).isEqualTo(okami.get("id").asText());

        for (String path : List.of("/api/editions/no-such-edition", "/api/editions/by-twitch/no-such-category")) {
            var missing = app.get(path);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith(PROBLEM);
            assertThat(missing.json().get("error").asText()).isEqualTo("Edition not found");
            assertThat(missing.json().get("detail").asText()).isEqualTo("Edition not found");
        }
    }
}
