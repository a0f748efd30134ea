package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/games} through the real app: every answer's status, content type and body. */
class GamesRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    /** SQL metacharacters, quotes, a backslash, LIKE wildcards and emoji: stored and returned intact. */
    static final String EVIL = "Robert'); DROP TABLE game; -- \"quoted\" back\\slash 100% _x_ 🎮🐉";

    static final List<String> SUMMARY_FIELDS = List.of("id", "slug", "name", "sort_name", "franchise", "genres",
            "primary_genre", "original_release_year", "platforms", "cover_url", "igdb_id", "created_at", "updated_at");
    static final List<String> DETAIL_FIELDS = List.of("id", "slug", "name", "sort_name", "franchise", "genres",
            "primary_genre", "original_release_year", "platforms", "cover_url", "igdb_id", "summary", "parent_game",
            "relationship_type", "editions", "external_ids", "last_synced_at", "created_at", "updated_at",
            "playthroughs", "lists", "profiles");
    static final List<String> EDITION_FIELDS = List.of("id", "game_id", "name", "slug", "edition_type", "platforms",
            "release_date", "cover_url", "summary", "igdb_id", "twitch_category_id", "last_synced_at", "created_at",
            "updated_at");

    @BeforeAll
    static void catalog() {
        created(app.post("/api/franchises", Map.of("name", "Final Fantasy", "slug", "final-fantasy")));
        created(app.post("/api/genres", Map.of("name", "JRPG", "slug", "jrpg")));
        created(app.post("/api/genres", Map.of("name", "Action", "slug", "action")));
        created(app.post("/api/games", Map.of("name", "Parent Game")));
    }

    @Test
    void createsAGameAndReturnsItsDetailWithLocation() {
        var response = app.post("/api/games", Map.ofEntries(
                Map.entry("name", "Final Fantasy VII"),
                Map.entry("sort_name", "Final Fantasy 07"),
                Map.entry("franchise", "final-fantasy"),
                Map.entry("genres", List.of("jrpg")),
                Map.entry("primary_genre", "action"),
                Map.entry("original_release_year", 1997),
                Map.entry("summary", "Cloud and friends."),
                Map.entry("cover_url", "https://images.example/ff7.jpg"),
                Map.entry("platforms", List.of("ps1", "pc")),
                Map.entry("igdb_id", 427),
                Map.entry("external_ids", List.of(Map.of("source", "steam", "external_id", "39140")))));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).startsWith(JSON);
        assertThat(response.header("Location")).isEqualTo("/api/games/final-fantasy-vii");
        JsonNode game = response.json();
        assertThat(fields(game)).containsExactlyElementsOf(DETAIL_FIELDS);
        assertThat(game.get("slug").asText()).isEqualTo("final-fantasy-vii");
        assertThat(game.get("sort_name").asText()).isEqualTo("Final Fantasy 07");
        assertThat(game.at("/franchise/slug").asText()).isEqualTo("final-fantasy");
        assertThat(game.at("/franchise/name").asText()).isEqualTo("Final Fantasy");
        assertThat(fields(game.get("franchise"))).containsExactly("id", "name", "slug");
        assertThat(game.get("genres").findValuesAsText("slug")).containsExactly("action", "jrpg");
        assertThat(game.at("/primary_genre/slug").asText()).isEqualTo("action");
        assertThat(game.get("original_release_year").asInt()).isEqualTo(1997);
        assertThat(game.get("platforms").toString()).isEqualTo("[\"ps1\",\"pc\"]");
        assertThat(game.get("igdb_id").asLong()).isEqualTo(427);
        assertThat(game.get("parent_game").isNull()).isTrue();
        assertThat(game.get("relationship_type").isNull()).isTrue();
        assertThat(game.get("last_synced_at").isNull()).isTrue();
        assertThat(game.get("playthroughs")).isEmpty();
        assertThat(game.get("lists")).isEmpty();
        assertThat(game.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(game.get("external_ids").toString())
                .isEqualTo("[{\"source\":\"steam\",\"external_id\":\"39140\",\"edition\":null}]");

        JsonNode original = game.get("editions").get(0);
        assertThat(game.get("editions")).hasSize(1);
        assertThat(fields(original)).containsExactlyElementsOf(EDITION_FIELDS);
        assertThat(original.get("slug").asText()).isEqualTo("final-fantasy-vii");
        assertThat(original.get("name").asText()).isEqualTo("Final Fantasy VII");
        assertThat(original.get("edition_type").asText()).isEqualTo("original");
        assertThat(original.get("platforms").toString()).isEqualTo("[\"ps1\",\"pc\"]");
        assertThat(original.get("game_id").asText()).isEqualTo(game.get("id").asText());

        var read = app.get("/api/games/final-fantasy-vii/");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(game);
    }

    @Test
    void keepsSqlMetacharactersQuotesAndEmojiInEveryStringField() {
        var franchise = created(app.post("/api/franchises", Map.of("name", EVIL)));
        var genre = created(app.post("/api/genres", Map.of("name", EVIL)));
        assertThat(franchise.get("name").asText()).isEqualTo(EVIL);
        assertThat(franchise.get("slug").asText()).isEqualTo("robert-drop-table-game-quoted-back-slash-100-x");

        var response = app.post("/api/games", Map.of(
                "name", EVIL, "sort_name", EVIL, "summary", EVIL, "cover_url", EVIL,
                "franchise", franchise.get("slug").asText(), "genres", List.of(genre.get("slug").asText()),
                "external_ids", List.of(Map.of("source", "gog", "external_id", EVIL)),
                "editions", List.of(Map.of("name", EVIL, "summary", EVIL, "cover_url", EVIL,
                        "twitch_category_id", EVIL))));
        JsonNode game = created(response);
        String slug = game.get("slug").asText();
        assertThat(slug).isEqualTo("robert-drop-table-game-quoted-back-slash-100-x");

        JsonNode read = app.get("/api/games/" + slug).json();
        for (String pointer : List.of("/name", "/sort_name", "/summary", "/cover_url", "/franchise/name",
                "/genres/0/name", "/external_ids/0/external_id", "/editions/0/name", "/editions/0/summary",
                "/editions/0/cover_url", "/editions/0/twitch_category_id")) {
            assertThat(read.at(pointer).asText()).as(pointer).isEqualTo(EVIL);
        }
        assertThat(app.get("/api/games?q=" + encode("drop table game; --")).json().at("/items/0/name").asText())
                .isEqualTo(EVIL);
        assertThat(app.get("/api/games?q=" + encode("100% _x_")).json().get("total").asInt()).isEqualTo(1);
        // the table is still there
        assertThat(app.get("/api/games").status()).isEqualTo(200);
    }

    @Test
    void emptyStringsAreStoredAsNull() {
        JsonNode game = created(app.post("/api/games", Map.of("name", "Empty Strings", "summary", "", "cover_url", "",
                "sort_name", "", "franchise", "")));
        assertThat(game.get("summary").isNull()).isTrue();
        assertThat(game.get("cover_url").isNull()).isTrue();
        assertThat(game.get("sort_name").isNull()).isTrue();
        assertThat(game.get("franchise").isNull()).isTrue();
    }

    @Test
    void writesWithoutATokenAre401WithTheOriginalBody() {
        for (String[] call : new String[][] {{"POST", "/api/games"}, {"PATCH", "/api/games/parent-game"},
                {"DELETE", "/api/games/parent-game"}}) {
            var response = app.send(call[0], call[1], "{\"name\": \"Sneaky\"}");
            assertThat(response.status()).as(call[0]).isEqualTo(401);
            assertThat(response.contentType()).startsWith(PROBLEM);
            assertThat(response.json().get("detail").asText()).isEqualTo("Unauthorized");
        }
        var wrongToken = app.send("POST", "/api/games", "{\"name\": \"Sneaky\"}", "Authorization", "Bearer nope");
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(app.get("/api/games?q=sneaky").json().get("total").asInt()).isZero();
        assertThat(app.get("/api/games/parent-game").status()).isEqualTo(200);
    }

    @Test
    void malformedBodiesAre400AndBadFieldsAre422NamingThem() {
        assertProblem(app.post("/api/games", "{\"name\": "), 400, null);
        assertProblem(app.post("/api/games", "null"), 400, null);
        assertProblem(app.post("/api/games", "[]"), 400, null);
        assertProblem(app.post("/api/games", ""), 400, null);
        assertProblem(app.post("/api/games", Map.of("summary", "no name")), 422, "name");
        assertProblem(app.post("/api/games", Map.of("name", 5)), 422, "name");
        assertProblem(app.post("/api/games", Map.of("name", "Typed", "original_release_year", "1999")), 422, "original_release_year");
        assertProblem(app.post("/api/games", Map.of("name", "Typed", "genres", "jrpg")), 422, "genres");
        assertProblem(app.post("/api/games", Map.of("name", "Unknown", "rating", 9)), 422, "rating");
        assertProblem(app.post("/api/games", Map.of("name", "Nested", "external_ids", List.of(Map.of("source", "steam")))), 422, "external_ids[0].external_id");
        assertProblem(app.post("/api/games", "{\"name\": \"Trailing\"} {}"), 400, null);
        // PostgreSQL text cannot hold U+0000: refused up front, wherever it hides
        assertProblem(app.post("/api/games", Map.of("name", "nul\u0000byte")), 422, "name");
        assertProblem(app.post("/api/games", Map.of("name", "Nul Edition", "editions", List.of(Map.of("name", "a\u0000")))), 422, "editions[0].name");
        assertProblem(app.get("/api/games?q=%00"), 400, "q");
        assertProblem(app.get("/api/games?franchise=a%00b"), 400, "franchise");
        assertThat(app.get("/api/games?q=trailing").json().get("total").asInt()).isZero();
    }

    @Test
    void brokenRulesAre422NamingTheField() {
        assertProblem(app.post("/api/games", Map.of("name", "Bad Slug", "slug", "Bad Slug!")), 422, "slug");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Year", "original_release_year", 1800)), 422,
                "original_release_year");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Franchise", "franchise", "nope")), 422, "franchise");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Genre", "genres", List.of("jrpg", "nope"))), 422, "genres");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Primary", "primary_genre", "nope")), 422, "primary_genre");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Parent", "parent_game", "nope",
                "relationship_type", "sequel")), 422, "parent_game");
        assertProblem(app.post("/api/games", Map.of("name", "Half Parent", "parent_game", "parent-game")), 422,
                "relationship_type");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Relation", "parent_game", "parent-game",
                "relationship_type", "remake")), 422, "relationship_type");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Source",
                "external_ids", List.of(Map.of("source", "epic", "external_id", "1")))), 422, "external_ids[0].source");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Edition",
                "editions", List.of(Map.of("name", "X", "edition_type", "deluxe")))), 422, "editions[0].edition_type");
        assertProblem(app.post("/api/games", Map.of("name", "Bad Platform", "platforms", List.of("PlayStation 5"))), 422,
                "platforms[0]");
        // names are indexed, and an index entry has a size limit: long names are refused, not a 500
        String longName = new java.util.Random(7).ints(501, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertProblem(app.post("/api/games", Map.of("name", longName)), 422, "name");
        assertThat(created(app.post("/api/games", Map.of("name", "🐉".repeat(500)))).get("name").asText())
                .isEqualTo("🐉".repeat(500));
        assertThat(app.get("/api/games?q=bad").json().get("total").asInt()).isZero();
    }

    @Test
    void duplicatesAre409NamingTheField() {
        created(app.post("/api/games", Map.of("name", "Chrono Trigger", "igdb_id", 1001,
                "external_ids", List.of(Map.of("source", "steam", "external_id", "613830")))));
        assertConflict(app.post("/api/games", Map.of("name", "Chrono Clone", "slug", "chrono-trigger")), "slug");
        assertConflict(app.post("/api/games", Map.of("name", "Chrono Clone", "igdb_id", 1001)), "igdb_id");
        assertConflict(app.post("/api/games", Map.of("name", "Chrono Clone",
                "external_ids", List.of(Map.of("source", "steam", "external_id", "613830")))), "external_ids[0].external_id");
        assertConflict(app.post("/api/games", Map.of("name", "Chrono Clone",
                "editions", List.of(Map.of("name", "A", "twitch_category_id", "tc"), Map.of("name", "B", "twitch_category_id", "tc")))),
                "editions[1].twitch_category_id");
        assertThat(app.get("/api/games/chrono-clone").status()).isEqualTo(404);
        // without a slug the same name is no conflict: it gets a suffix
        assertThat(created(app.post("/api/games", Map.of("name", "Chrono Trigger"))).get("slug").asText())
                .isEqualTo("chrono-trigger-2");
    }

    @Test
    void concurrentCreatesOfTheSameNameBothSucceed() throws Exception {
        int threads = 4;
        var barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<TestApp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(() -> {
                    barrier.await();
                    return app.post("/api/games", Map.of("name", "Twin Peaks Game"));
                });
            }
            List<String> slugs = new ArrayList<>();
            for (Future<TestApp.Response> f : pool.invokeAll(calls)) {
                slugs.add(created(f.get()).get("slug").asText());
            }
            assertThat(slugs).containsExactlyInAnyOrder("twin-peaks-game", "twin-peaks-game-2", "twin-peaks-game-3",
                    "twin-peaks-game-4");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] huge = ("{\"name\": \"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        var response = app.post("/api/games", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("status").asInt()).isEqualTo(413);
    }

    @Test
    void listsPagesWithNextLinksAndFilters() {
        for (int i = 1; i <= 5; i++) {
            created(app.post("/api/games", Map.of("name", "Page Game " + i, "original_release_year", 2000 + i,
                    "genres", List.of("jrpg"), "platforms", List.of(i % 2 == 0 ? "switch" : "pc"))));
        }
        var first = app.get("/api/games?q=page+game&limit=2&sort=-year");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith(JSON);
        JsonNode page = first.json();
        assertThat(fields(page)).containsExactly("items", "total", "limit", "offset", "next");
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isZero();
        assertThat(names(page)).containsExactly("Page Game 5", "Page Game 4");
        assertThat(fields(page.get("items").get(0))).containsExactlyElementsOf(SUMMARY_FIELDS);
        assertThat(page.at("/items/0/genres/0").toString()).contains("\"slug\":\"jrpg\"");
        assertThat(page.get("next").asText()).isEqualTo("/api/games?q=page+game&limit=2&sort=-year&offset=2");

        JsonNode second = app.get(page.get("next").asText()).json();
        assertThat(names(second)).containsExactly("Page Game 3", "Page Game 2");
        JsonNode third = app.get(second.get("next").asText()).json();
        assertThat(names(third)).containsExactly("Page Game 1");
        assertThat(third.get("next").isNull()).isTrue();

        assertThat(names(app.get("/api/games?q=PAGE+GAME&platform=switch").json()))
                .containsExactly("Page Game 2", "Page Game 4");
        assertThat(names(app.get("/api/games?q=page&genre=jrpg&year=2003").json()))
                .containsExactly("Page Game 3");
        assertThat(app.get("/api/games?q=page&limit=5000").status()).isEqualTo(200);
    }

    @Test
    void searchMatchesWordsAsTypedMostRelevantFirst() {
        for (String name : List.of("NieR:Automata", "Baldur's Gate 3", "The Legend of Zelda: Tears of the Kingdom",
                "Ōkamiden", "Ōkami", "Pokémon Scarlet")) {
            created(app.post("/api/games", Map.of("name", name)));
        }
        assertThat(names(app.get("/api/games?q=" + encode("nier automata")).json())).containsExactly("NieR:Automata");
        assertThat(names(app.get("/api/games?q=" + encode("automata nier")).json())).containsExactly("NieR:Automata");
        assertThat(names(app.get("/api/games?q=baldurs").json())).containsExactly("Baldur's Gate 3");
        assertThat(names(app.get("/api/games?q=" + encode("zelda tears")).json()))
                .containsExactly("The Legend of Zelda: Tears of the Kingdom");
        assertThat(names(app.get("/api/games?q=pokemon").json())).containsExactly("Pokémon Scarlet");
        // the exact name first; an explicit sort wins over relevance
        assertThat(names(app.get("/api/games?q=" + encode("ōkami")).json())).containsExactly("Ōkami", "Ōkamiden");
        assertThat(names(app.get("/api/games?q=okami&sort=-name").json())).containsExactly("Ōkamiden", "Ōkami");

        JsonNode first = app.get("/api/games?q=OKAMI&limit=1").json();
        assertThat(first.get("total").asInt()).isEqualTo(2);
        assertThat(names(first)).containsExactly("Ōkami");
        assertThat(first.get("next").asText()).isEqualTo("/api/games?q=OKAMI&limit=1&offset=1");
        assertThat(names(app.get(first.get("next").asText()).json())).containsExactly("Ōkamiden");
    }

    @Test
    void badListParametersAre400() {
        var response = app.get("/api/games?limit=5001&offset=-1&sort=rating&year=soon");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("limit", "offset", "sort", "year");
        assertProblem(app.get("/api/games?limit=0"), 400, "limit");
        assertProblem(app.get("/api/games?limit=abc"), 400, "limit");
        var tooFar = app.get("/api/games?offset=99999999999");
        assertProblem(tooFar, 400, "offset");
        assertThat(tooFar.json().at("/errors/0/message").asText()).as("the largest offset is named")
                .contains("0 to 2147483647");
        var compat = app.get("/api/works?offset=99999999999999999999");
        assertProblem(compat, 400, "offset");
        assertThat(compat.json().at("/errors/0/message").asText()).contains("9223372036854775807");
    }

    @Test
    void readsCarryAnEtagThatAnswers304() {
        var first = app.get("/api/games?q=final");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        var again = app.get("/api/games?q=final", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.bytes()).isEmpty();
        var detail = app.get("/api/games/parent-game");
        assertThat(app.get("/api/games/parent-game", "If-None-Match", detail.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void unknownGamesAre404() {
        for (var response : List.of(app.get("/api/games/no-such-game"), app.patch("/api/games/no-such-game", Map.of("summary", "x")),
                app.delete("/api/games/no-such-game"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith(PROBLEM);
            assertThat(response.json().get("detail").asText()).isEqualTo("Game not found");
        }
    }

    @Test
    void patchChangesWhatIsSentClearsNullsAndKeepsTheRest() {
        JsonNode before = created(app.post("/api/games", Map.of("name", "Patchable", "summary", "Old", "cover_url", "c.jpg",
                "franchise", "final-fantasy", "genres", List.of("jrpg"), "platforms", List.of("pc"), "igdb_id", 2002)));
        var response = app.patch("/api/games/patchable", "{\"summary\": \"" + "New \\\"one\\\" 🎮" + "\", \"cover_url\": null,"
                + " \"franchise\": null, \"platforms\": [\"pc\", \"switch\"], \"name\": \"" + "Patchable 🎮" + "\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode after = response.json();
        assertThat(after.get("name").asText()).isEqualTo("Patchable 🎮");
        assertThat(after.get("slug").asText()).isEqualTo("patchable");
        assertThat(after.get("summary").asText()).isEqualTo("New \"one\" 🎮");
        assertThat(after.get("cover_url").isNull()).isTrue();
        assertThat(after.get("franchise").isNull()).isTrue();
        assertThat(after.get("platforms").toString()).isEqualTo("[\"pc\",\"switch\"]");
        assertThat(after.get("genres")).isEqualTo(before.get("genres"));
        assertThat(after.get("igdb_id").asLong()).isEqualTo(2002);
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(Instant.parse(after.get("updated_at").asText())).isAfter(Instant.parse(before.get("updated_at").asText()));
        assertThat(app.get("/api/games/patchable").json()).isEqualTo(after);

        var moved = app.patch("/api/games/patchable", Map.of("slug", "patched", "parent_game", "parent-game",
                "relationship_type", "spinoff"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("parent_game").toString())
                .isEqualTo("{\"slug\":\"parent-game\",\"name\":\"Parent Game\"}");
        assertThat(app.get("/api/games/patched").status()).isEqualTo(200);
        assertThat(app.get("/api/games/patchable").status()).isEqualTo(404);
    }

    @Test
    void badPatchesAre400Or422Or409() {
        created(app.post("/api/games", Map.of("name", "Patch Target")));
        created(app.post("/api/games", Map.of("name", "Patch Holder", "igdb_id", 3003)));
        assertProblem(app.patch("/api/games/patch-target", "{\"nme\": \"typo\"}"), 422, "nme");
        assertProblem(app.patch("/api/games/patch-target", "{\"original_release_year\": \"2000\"}"), 422, "original_release_year");
        assertProblem(app.patch("/api/games/patch-target", "[1]"), 400, null);
        assertProblem(app.patch("/api/games/patch-target", "{\"name\": "), 400, null);
        assertProblem(app.patch("/api/games/patch-target", "{\"name\": null}"), 422, "name");
        assertProblem(app.patch("/api/games/patch-target", "{\"name\": \"\"}"), 422, "name");
        assertProblem(app.patch("/api/games/patch-target", Map.of("summary", "a\u0000")), 422, "summary");
        assertProblem(app.patch("/api/games/patch-target", Map.of("name", "z".repeat(501))), 422, "name");
        assertProblem(app.patch("/api/games/patch-target", "{\"franchise\": \"nope\"}"), 422, "franchise");
        assertProblem(app.patch("/api/games/patch-target", "{\"slug\": \"Not A Slug\"}"), 422, "slug");
        assertConflict(app.patch("/api/games/patch-target", Map.of("slug", "patch-holder")), "slug");
        assertConflict(app.patch("/api/games/patch-target", Map.of("igdb_id", 3003)), "igdb_id");
        var unchanged = app.get("/api/games/patch-target").json();
        assertThat(unchanged.get("igdb_id").isNull()).isTrue();
        assertThat(unchanged.get("name").asText()).isEqualTo("Patch Target");
    }

    @Test
    void deleteAnswers204AndRemovesTheGameWithItsEditions() {
        JsonNode game = created(app.post("/api/games", Map.of("name", "Short Lived",
                "external_ids", List.of(Map.of("source", "psn", "external_id", "short")))));
        String edition = game.at("/editions/0/slug").asText();
        var response = app.delete("/api/games/short-lived");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.bytes()).isEmpty();
        assertThat(app.get("/api/games/short-lived").status()).isEqualTo(404);
        assertThat(app.get("/api/editions/" + edition).status()).isEqualTo(404);
        // the external id is free again
        created(app.post("/api/games", Map.of("name", "Short Lived Again",
                "external_ids", List.of(Map.of("source", "psn", "external_id", "short")))));
    }

    static JsonNode created(TestApp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.contentType()).startsWith(JSON);
        return response.json();
    }

    static void assertProblem(TestApp.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM);
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.get("errors").findValuesAsText("field")).as(response.toString()).contains(field);
        }
    }

    static void assertConflict(TestApp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).startsWith(field + ": ");
    }

    /** The names of a page's items, in order. */
    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
