package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lists routes: lists, entries, ranking, order, bulk add and activity, through the real app. */
class ListRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of(), new TickingClock(Instant.parse("2026-02-01T00:00:00Z")));
    static final SpecChecked api = new SpecChecked(app);

    static final List<String> GAMES = List.of("chrono-trigger", "earthbound", "final-fantasy-vi", "secret-of-mana",
            "super-metroid", "terranigma", "illusion-of-gaia", "lufia-ii");

    @BeforeAll
    static void catalog() {
        var catalog = new Catalog(app.deps().jdbi());
        for (String slug : GAMES) {
            catalog.game(slug, title(slug), null);
        }
    }

    static String title(String slug) {
        StringBuilder sb = new StringBuilder();
        for (String word : slug.split("-")) {
            sb.append(sb.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.toString();
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static JsonNode createList(Object... pairs) {
        var response = api.post("/api/lists", body(pairs));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    static TestApp.Response add(String list, String game, Integer position) {
        return api.post("/api/lists/" + list + "/entries", position == null ? body("game", game) : body("game", game, "position", position));
    }

    /** The list's game slugs in the order it is shown, checking positions are 1..n when ranked. */
    static List<String> order(String list) {
        JsonNode detail = api.get("/api/lists/" + list).json();
        List<String> slugs = new ArrayList<>();
        int expected = 1;
        for (JsonNode e : detail.path("entries")) {
            slugs.add(e.path("work_slug").asText());
            if (detail.path("is_ranked").asBoolean()) {
                assertThat(e.path("position").asInt()).isEqualTo(expected++);
            } else {
                assertThat(e.path("position").isNull()).isTrue();
            }
        }
        return slugs;
    }

    static JsonNode json(String text) {
        try {
            return TestApp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> verbs(String list) {
        List<String> verbs = new ArrayList<>();
        api.get("/api/lists/" + list + "/activity").json().forEach(a -> verbs.add(a.path("verb").asText()));
        return verbs;
    }

    static void assertProblem(TestApp.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            List<String> fields = new ArrayList<>();
            response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).as(response.toString()).contains(field);
        }
    }

    @Test
    void createsListsWithSlugsFromTheirNames() {
        JsonNode list = createList("name", "Best SNES RPGs", "description", "The ones that hold up", "is_ranked", true);
        assertThat(list.path("slug").asText()).isEqualTo("best-snes-rpgs");
        assertThat(list.path("is_ranked").asBoolean()).isTrue();
        assertThat(list.path("is_public").asBoolean()).isTrue();
        assertThat(list.path("entry_count").asInt()).isZero();
        assertThat(list.path("entries")).isEmpty();
        assertThat(createList("name", "Best SNES RPGs!").path("slug").asText()).isEqualTo("best-snes-rpgs-2");
        assertThat(createList("name", "Mine", "slug", "my-own-slug").path("slug").asText()).isEqualTo("my-own-slug");
        assertProblem(api.post("/api/lists", body("name", "Again", "slug", "my-own-slug")), 409, null);
        assertProblem(api.post("/api/lists", body("name", "Bad", "slug", "Not A Slug")), 422, "slug");
        assertProblem(api.post("/api/lists", body("description", "no name")), 422, "name");
        assertProblem(api.post("/api/lists", body("name", "x", "is_ranked", "yes")), 422, "is_ranked");
        assertThat(verbs("best-snes-rpgs")).containsExactly("created");
        assertThat(api.send("POST", "/api/lists", body("name", "anon")).status()).isEqualTo(401);
    }

    @Test
    void rankedInsertsShiftMovesAndRemovesKeepPositionsDense() {
        createList("name", "Ranked", "is_ranked", true);
        assertThat(add("ranked", "chrono-trigger", null).json().path("position").asInt()).isEqualTo(1);
        assertThat(add("ranked", "earthbound", null).json().path("position").asInt()).isEqualTo(2);
        assertThat(add("ranked", "super-metroid", 1).status()).isEqualTo(201);
        assertThat(order("ranked")).containsExactly("super-metroid", "chrono-trigger", "earthbound");
        add("ranked", "terranigma", 3);
        assertThat(order("ranked")).containsExactly("super-metroid", "chrono-trigger", "terranigma", "earthbound");

        assertProblem(add("ranked", "lufia-ii", 6), 422, "position");
        assertProblem(add("ranked", "lufia-ii", 0), 422, "position");
        assertProblem(add("ranked", "earthbound", null), 409, null);
        assertProblem(add("ranked", "no-such-game", null), 404, null);

        var moved = api.patch("/api/lists/ranked/entries/earthbound", body("position", 1));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("position").asInt()).isEqualTo(1);
        assertThat(order("ranked")).containsExactly("earthbound", "super-metroid", "chrono-trigger", "terranigma");
        api.patch("/api/lists/ranked/entries/super-metroid", body("position", 4));
        assertThat(order("ranked")).containsExactly("earthbound", "chrono-trigger", "terranigma", "super-metroid");
        assertProblem(api.patch("/api/lists/ranked/entries/super-metroid", body("position", 5)), 422, "position");
        assertProblem(api.patch("/api/lists/ranked/entries/super-metroid", body("position", null)), 422, "position");

        assertThat(api.delete("/api/lists/ranked/entries/chrono-trigger").status()).isEqualTo(204);
        assertThat(order("ranked")).containsExactly("earthbound", "terranigma", "super-metroid");
        assertThat(api.delete("/api/lists/ranked/entries/chrono-trigger").status()).isEqualTo(404);
        assertThat(api.delete("/api/lists/ranked/entries/no-such-game").json().path("error").asText()).isEqualTo("Entry not found");

        assertThat(verbs("ranked")).containsExactly("removed", "reordered", "reordered", "added", "added", "added",
                "added", "created");
    }

    @Test
    void putOrderReplacesTheWholeOrderAtOnce() {
        createList("name", "Order", "is_ranked", true);
        for (String game : List.of("chrono-trigger", "earthbound", "final-fantasy-vi")) {
            add("order", game, null);
        }
        var put = api.put("/api/lists/order/order", List.of("final-fantasy-vi", "chrono-trigger", "earthbound"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(order("order")).containsExactly("final-fantasy-vi", "chrono-trigger", "earthbound");
        JsonNode last = api.get("/api/lists/order/activity?limit=1").json().get(0);
        assertThat(last.path("verb").asText()).isEqualTo("reordered");
        assertThat(last.path("metadata").path("previous").toString())
                .isEqualTo("[\"chrono-trigger\",\"earthbound\",\"final-fantasy-vi\"]");

        assertProblem(api.put("/api/lists/order/order", List.of("chrono-trigger", "earthbound")), 422, "order");
        assertProblem(api.put("/api/lists/order/order", List.of("chrono-trigger", "earthbound", "earthbound")), 422, "order[2]");
        assertProblem(api.put("/api/lists/order/order", List.of("chrono-trigger", "earthbound", "lufia-ii")), 422, "order[2]");
        assertProblem(api.put("/api/lists/order/order", List.of("chrono-trigger", "earthbound", "nope")), 422, "order[2]");
        assertProblem(api.put("/api/lists/order/order", body("order", List.of())), 400, null);
        assertThat(order("order")).containsExactly("final-fantasy-vi", "chrono-trigger", "earthbound");

        createList("name", "Loose");
        assertProblem(api.put("/api/lists/loose/order", List.of()), 422, "order");
        assertThat(api.put("/api/lists/no-such-list/order", List.of()).status()).isEqualTo(404);
    }

    @Test
    void unrankedListsIgnorePositionsAndShowNewestFirst() {
        createList("name", "Backlog");
        add("backlog", "lufia-ii", 3);
        add("backlog", "terranigma", null);
        add("backlog", "illusion-of-gaia", 1);
        assertThat(order("backlog")).containsExactly("illusion-of-gaia", "terranigma", "lufia-ii");
        var patched = api.patch("/api/lists/backlog/entries/lufia-ii", body("position", 1, "notes", "Ancient Cave"));
        assertThat(patched.json().path("position").isNull()).isTrue();
        assertThat(patched.json().path("notes").asText()).isEqualTo("Ancient Cave");
        assertThat(verbs("backlog")).containsExactly("updated", "added", "added", "added", "created");
    }

    @Test
    void rankingAListNumbersItsEntriesAsTheyWereShown() {
        createList("name", "Switcher");
        add("switcher", "chrono-trigger", null);
        add("switcher", "earthbound", null);
        add("switcher", "terranigma", null);
        var ranked = api.patch("/api/lists/switcher", body("is_ranked", true));
        assertThat(ranked.status()).as(ranked.toString()).isEqualTo(200);
        assertThat(order("switcher")).containsExactly("terranigma", "earthbound", "chrono-trigger");
        JsonNode updated = api.get("/api/lists/switcher/activity?limit=1").json().get(0);
        assertThat(updated.path("verb").asText()).isEqualTo("updated");
        assertThat(updated.path("metadata").path("changes").path("is_ranked")).isEqualTo(json("{\"from\":false,\"to\":true}"));
        assertThat(updated.path("metadata").path("order").toString())
                .isEqualTo("[\"terranigma\",\"earthbound\",\"chrono-trigger\"]");
        api.patch("/api/lists/switcher", body("is_ranked", false));
        assertThat(order("switcher")).containsExactly("terranigma", "earthbound", "chrono-trigger");

        var renamed = api.patch("/api/lists/switcher", body("name", "Renamed", "slug", "renamed", "description", "new"));
        assertThat(renamed.json().path("slug").asText()).isEqualTo("renamed");
        assertThat(api.get("/api/lists/switcher").status()).isEqualTo(404);
        assertThat(api.get("/api/lists/renamed").json().path("description").asText()).isEqualTo("new");
        assertProblem(api.patch("/api/lists/renamed", body("name", null)), 422, "name");
        assertProblem(api.patch("/api/lists/renamed", body("is_public", null)), 422, "is_public");
        api.patch("/api/lists/renamed", body("description", null));
        assertThat(api.get("/api/lists/renamed").json().path("description").isNull()).isTrue();
        createList("name", "Taken");
        assertProblem(api.patch("/api/lists/renamed", body("slug", "taken")), 409, null);
    }

    @Test
    void bulkAddCountsCreatedSkippedAndErrorsAsTheOriginal() {
        createList("name", "Bulk", "is_ranked", true);
        add("bulk", "earthbound", null);
        var response = api.post("/api/lists/bulk/entries/bulk", body("entries", List.of(
                body("work_slug", "terranigma", "position", 3),
                body("work_slug", "chrono-trigger", "position", 1, "notes", "best"),
                body("work_slug", "earthbound"),
                body("work_slug", "not-a-game"),
                body("game", "secret-of-mana", "position", 2))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"created\":3,\"skipped\":1,\"errors\":[\"Work not found: not-a-game\"]}");
        assertThat(order("bulk")).containsExactly("chrono-trigger", "secret-of-mana", "terranigma", "earthbound");
        JsonNode added = api.get("/api/lists/bulk/activity?limit=1").json().get(0);
        assertThat(added.path("entries").toString()).isEqualTo("[\"chrono-trigger\",\"secret-of-mana\",\"terranigma\"]");
        assertThat(added.path("metadata").path("positions").toString()).isEqualTo("[1,2,3]");
        assertThat(api.post("/api/lists/no-such-list/entries/bulk", body("entries", List.of())).status()).isEqualTo(404);
    }

    @Test
    void compatibilityShapesAreExact() {
        JsonNode created = createList("name", "Compat", "description", "Shapes", "is_ranked", true);
        String listId = created.path("id").asText();
        String createdAt = created.path("created_at").asText();
        JsonNode first = add("compat", "chrono-trigger", null).json();
        JsonNode second = add("compat", "earthbound", 1).json();
        String updatedAt = api.get("/api/lists/compat").json().path("updated_at").asText();
        String gameId = first.path("work_id").asText();
        String gameId2 = second.path("work_id").asText();

        String summary = "{\"id\":\"" + listId + "\",\"slug\":\"compat\",\"name\":\"Compat\",\"description\":\"Shapes\","
                + "\"is_ranked\":true,\"is_public\":true,\"entry_count\":2,\"created_at\":\"" + createdAt + "\","
                + "\"updated_at\":\"" + updatedAt + "\"";
        JsonNode all = api.get("/api/lists").json();
        JsonNode mine = null;
        for (JsonNode l : all) {
            if (l.path("slug").asText().equals("compat")) {
                mine = l;
            }
        }
        assertThat(all.isArray()).isTrue();
        assertThat(mine).isNotNull();
        assertThat(mine.toString()).isEqualTo(summary + "}");

        String detail = api.get("/api/lists/compat/").body();
        assertThat(detail).isEqualTo(summary + ",\"entries\":["
                + "{\"id\":\"" + second.path("id").asText() + "\",\"work_id\":\"" + gameId2 + "\",\"work_name\":\"Earthbound\","
                + "\"work_slug\":\"earthbound\",\"position\":1,\"notes\":null,\"game\":{\"id\":\"" + gameId2
                + "\",\"slug\":\"earthbound\",\"name\":\"Earthbound\"},\"added_at\":\"" + second.path("added_at").asText() + "\"},"
                + "{\"id\":\"" + first.path("id").asText() + "\",\"work_id\":\"" + gameId + "\",\"work_name\":\"Chrono Trigger\","
                + "\"work_slug\":\"chrono-trigger\",\"position\":2,\"notes\":null,\"game\":{\"id\":\"" + gameId
                + "\",\"slug\":\"chrono-trigger\",\"name\":\"Chrono Trigger\"},\"added_at\":\"" + first.path("added_at").asText() + "\"}"
                + "]}");

        JsonNode activity = api.get("/api/lists/compat/activity?limit=50").json();
        assertThat(activity).hasSize(3);
        List<String> fields = new ArrayList<>();
        activity.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "timestamp", "verb", "entries", "metadata");
        assertThat(activity.get(0).path("verb").asText()).isEqualTo("added");
        assertThat(activity.get(0).path("entries").toString()).isEqualTo("[\"earthbound\"]");
        assertThat(activity.get(0).path("metadata").toString()).isEqualTo("{\"positions\":[1]}");
        assertThat(activity.get(0).path("timestamp").asText()).matches("2026-02-01T\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(activity.get(2).path("verb").asText()).isEqualTo("created");
        assertThat(activity.get(2).path("metadata")).isEqualTo(json("{\"name\":\"Compat\",\"is_ranked\":true,\"is_public\":true}"));
        assertThat(api.get("/api/lists/compat/activity?limit=1").json()).hasSize(1);
        assertProblem(api.get("/api/lists/compat/activity?limit=0"), 400, "limit");

        for (String path : List.of("/api/lists/no-such-list", "/api/lists/no-such-list/activity")) {
            var missing = api.get(path);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.json().path("error").asText()).isEqualTo("List not found");
            assertThat(missing.json().path("detail").asText()).isEqualTo("List not found");
        }
    }

    @Test
    void addingAnUnknownGameOrToAnUnknownListIsTheOriginals404() {
        createList("name", "Compat adds");
        var unknownGame = add("compat-adds", "no-such-game", null);
        assertProblem(unknownGame, 404, null);
        assertThat(unknownGame.json().path("error").asText()).isEqualTo("Work not found");
        assertThat(unknownGame.json().path("status").asInt()).isEqualTo(404);
        assertThat(unknownGame.json().path("detail").asText()).contains("no-such-game");
        // the list is looked up first, as in the original
        var unknownList = api.post("/api/lists/no-such-list/entries", body("work_slug", "no-such-game"));
        assertProblem(unknownList, 404, null);
        assertThat(unknownList.json().path("error").asText()).isEqualTo("List not found");
        var unknownListBulk = api.post("/api/lists/no-such-list/entries/bulk", body("entries", List.of(body("work_slug", "earthbound"))));
        assertProblem(unknownListBulk, 404, null);
        assertThat(unknownListBulk.json().path("error").asText()).isEqualTo("List not found");
        assertThat(order("compat-adds")).isEmpty();
        assertThat(verbs("compat-adds")).containsExactly("created");
    }

    @Test
    void anEntryHasItsOwnUrl() {
        createList("name", "Entry urls", "is_ranked", true);
        var added = add("entry-urls", "lufia-ii", null);
        assertThat(added.header("Location")).isEqualTo("/api/lists/entry-urls/entries/lufia-ii");
        var entry = api.get("/api/lists/entry-urls/entries/lufia-ii");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.json()).isEqualTo(added.json());
        assertThat(api.get("/api/lists/entry-urls/entries/earthbound").json().path("error").asText()).isEqualTo("Entry not found");
        createList("name", "Hidden entries", "is_public", false);
        add("hidden-entries", "lufia-ii", null);
        assertThat(api.get("/api/lists/hidden-entries/entries/lufia-ii").status()).isEqualTo(404);
        assertThat(api.get("/api/lists/hidden-entries/entries/lufia-ii", "Authorization", "Bearer " + app.writeToken()).status())
                .isEqualTo(200);
    }

    @Test
    void privateListsAreHiddenFromAnonymousReaders() {
        createList("name", "Secret", "is_public", false);
        add("secret", "earthbound", null);
        String auth = "Bearer " + app.writeToken();
        assertThat(api.get("/api/lists/secret").status()).isEqualTo(404);
        assertThat(api.get("/api/lists/secret/activity").status()).isEqualTo(404);
        assertThat(api.get("/api/lists").body()).doesNotContain("\"secret\"");
        assertThat(api.get("/api/lists/secret", "Authorization", auth).status()).isEqualTo(200);
        assertThat(api.get("/api/lists/secret/activity", "Authorization", auth).status()).isEqualTo(200);
        assertThat(api.get("/api/lists", "Authorization", auth).body()).contains("\"secret\"");
        // a cached anonymous answer is never given to a reader with a token, nor the other way round
        assertThat(api.get("/api/lists").body()).doesNotContain("\"secret\"");
        assertThat(api.get("/api/lists", "Authorization", auth).body()).contains("\"secret\"");
        assertThat(api.get("/api/lists/secret", "Authorization", "Bearer not-a-token").status()).isEqualTo(404);
        api.patch("/api/lists/secret", body("is_public", true));
        assertThat(api.get("/api/lists/secret").status()).isEqualTo(200);
    }

    @Test
    void deletingAListRemovesItsEntriesAndHistory() {
        createList("name", "Doomed", "is_ranked", true);
        add("doomed", "earthbound", null);
        assertThat(api.delete("/api/lists/doomed").status()).isEqualTo(204);
        assertThat(api.get("/api/lists/doomed").status()).isEqualTo(404);
        assertThat(api.delete("/api/lists/doomed").status()).isEqualTo(404);
        long rows = app.deps().jdbi().withHandle(h -> h.createQuery(
                "SELECT (SELECT count(*) FROM list_entry) + (SELECT count(*) FROM list_activity a JOIN list l ON l.id = a.list_id WHERE l.slug = 'doomed')")
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(entriesElsewhere());
    }

    private static long entriesElsewhere() {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM list_entry").mapTo(Long.class).one());
    }
}
