package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code questlog import questlog URL}: a round trip between two servers (migrate A into B through
 * A's compatibility routes, then every compatibility answer of B equals A's in the original's
 * fields, and a second run changes nothing), and a copy from a local server replaying the
 * original's shapes: paged works and editions, a list that 404s with {@code {"error": ...}}.
 */
@Isolated
class QuestlogMigrationTest {
    @RegisterExtension
    static final TestApp a = new TestApp();
    @RegisterExtension
    static final TestApp b = new TestApp();
    /** The copy of the replaying original. */
    @RegisterExtension
    static final TestApp c = new TestApp();

    static final Map<String, List<String>> FIELDS = Map.of(
            "franchise", List.of("id", "name", "slug"),
            "genre", List.of("id", "name", "slug", "igdb_id", "parent_id"),
            "work", List.of("id", "name", "slug", "franchise", "original_release_year"),
            "edition", List.of("id", "work_id", "name", "slug", "edition_type", "igdb_id", "twitch_category_id",
                    "cover_url", "release_date", "summary"),
            "list", List.of("id", "slug", "name", "description", "is_ranked", "entry_count"),
            "entry", List.of("id", "work_id", "work_name", "work_slug", "position", "notes"),
            "activity", List.of("id", "timestamp", "verb", "entries", "metadata"));

    @TempDir
    Path dir;

    @Test
    void aServerMigratedIntoAnotherAnswersTheSameOnTheCompatibilityRoutes() throws IOException {
        created(a.post("/api/franchises", Map.of("name", "Xenoblade")));
        created(a.post("/api/genres", Map.of("name", "RPG", "igdb_id", 12)));
        created(a.post("/api/genres", Map.of("name", "JRPG", "parent", "rpg")));
        created(a.post("/api/games", Map.of("name", "Xenoblade Chronicles", "franchise", "xenoblade",
                "original_release_year", 2010, "editions", List.of(
                        Map.of("name", "Xenoblade Chronicles (Wii)", "edition_type", "original", "release_date", "2010-06-10",
                                "twitch_category_id", "25081", "cover_url", "https://covers.example/xc.jpg",
                                "summary", "Shulk and the Monado."),
                        Map.of("name", "Xenoblade Chronicles: Definitive Edition", "edition_type", "definitive",
                                "igdb_id", 81249, "release_date", "2020-05-29")))));
        created(a.post("/api/games", Map.of("name", "Ōkami", "original_release_year", 2006)));
        created(a.post("/api/games", Map.of("name", "Hades")));
        created(a.post("/api/lists", Map.of("name", "Top 3", "is_ranked", true, "description", "Best of the best")));
        for (String game : List.of("hades", "okami", "xenoblade-chronicles")) {
            created(a.post("/api/lists/top-3/entries", Map.of("game", game, "notes", "a note on " + game)));
        }
        assertThat(a.put("/api/lists/top-3/order", List.of("xenoblade-chronicles", "okami", "hades")).status()).isEqualTo(200);
        created(a.post("/api/lists", Map.of("name", "Backlog")));
        created(a.post("/api/lists/backlog/entries", Map.of("game", "hades")));
        created(a.post("/api/lists/backlog/entries", Map.of("game", "okami")));

        String[] into = {"--api", b.baseUrl(), "--token", b.writeToken()};
        Cli.Run dry = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "questlog", a.baseUrl(), "--dry-run"}, into));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run, nothing written: franchises 1 created, 0 updated, 0 unchanged; genres 2 created");
        assertThat(b.get("/api/works").json()).isEmpty();

        Cli.Run first = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "questlog", a.baseUrl()}, into));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Copied: franchises 1 created, 0 updated, 0 unchanged; genres 2 created, 0 updated, "
                + "0 unchanged; works 3 created, 0 updated, 0 unchanged; editions 4 created, 0 updated, 0 unchanged; lists 2 created");

        for (String path : List.of("/api/franchises", "/api/genres", "/api/works?limit=2000", "/api/editions?limit=2000",
                "/api/lists")) {
            assertThat(original(b.get(path).json())).as(path).isEqualTo(original(a.get(path).json()));
        }
        for (JsonNode work : a.get("/api/works?limit=2000").json()) {
            String path = "/api/works/" + work.get("slug").asText();
            assertThat(original(b.get(path).json())).as(path).isEqualTo(original(a.get(path).json()));
        }
        for (String list : List.of("top-3", "backlog")) {
            for (String path : List.of("/api/lists/" + list, "/api/lists/" + list + "/activity")) {
                assertThat(original(b.get(path).json())).as(path).isEqualTo(original(a.get(path).json()));
            }
        }
        assertThat(b.get("/api/lists/top-3/activity").json().size()).isGreaterThanOrEqualTo(5);

        long events = b.get("/api/events?limit=1000").json().get("items").size();
        Cli.Run second = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "questlog", a.baseUrl()}, into));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("franchises 0 created, 0 updated, 1 unchanged; genres 0 created, 0 updated, 2 unchanged; "
                + "works 0 created, 0 updated, 3 unchanged; editions 0 created, 0 updated, 4 unchanged; lists 0 created, 0 updated, 2 unchanged");
        assertThat(b.get("/api/events?limit=1000").json().get("items").size()).isEqualTo(events);

        // A slug held by another record, a malformed id, an entry of an unknown work: 4xx naming it, nothing written.
        TestApp.Response taken = b.post("/api/import/questlog", Map.of("franchises", List.of(
                Map.of("id", UUID.randomUUID().toString(), "name", "Other", "slug", "xenoblade"))));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(422);
        assertThat(taken.json().at("/errors/0/field").asText()).isEqualTo("franchises");
        TestApp.Response malformed = b.post("/api/import/questlog", Map.of("works", List.of(
                Map.of("id", "not-a-uuid", "name", "W", "slug", "w"))));
        assertThat(malformed.status()).as(malformed.toString()).isBetween(400, 422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        TestApp.Response unknownWork = b.post("/api/import/questlog", Map.of("lists", List.of(Map.of(
                "id", UUID.randomUUID().toString(), "slug", "new-list", "name", "New", "is_ranked", false,
                "entries", List.of(Map.of("id", UUID.randomUUID().toString(), "work_id", UUID.randomUUID().toString()))))));
        assertThat(unknownWork.status()).as(unknownWork.toString()).isEqualTo(422);
        assertThat(b.get("/api/lists/new-list").status()).isEqualTo(404);
        assertThat(original(b.get("/api/franchises").json())).isEqualTo(original(a.get("/api/franchises").json()));
    }

    @Test
    void anEditionTheLibraryWouldRefuseIsA422NamingItAndNothingIsCopied() {
        for (String date : List.of("0000-01-01", "1939-12-31", "2201-01-01")) {
            TestApp.Response dated = c.post("/api/import/questlog", Map.of("works", List.of(Map.of(
                    "id", UUID.randomUUID().toString(), "name", "Dated", "slug", "dated-work",
                    "editions", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Dated", "slug", "dated-edition",
                            "release_date", date))))));
            assertThat(dated.status()).as(dated.toString()).isEqualTo(422);
            assertThat(dated.contentType()).startsWith("application/problem+json");
            assertThat(dated.json().get("errors").findValuesAsText("field")).containsExactly("works[0].editions[0].release_date");
        }
        TestApp.Response twitch = c.post("/api/import/questlog", Map.of("works", List.of(Map.of(
                "id", UUID.randomUUID().toString(), "name", "Streamed", "slug", "streamed-work",
                "editions", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Streamed", "slug", "streamed-edition",
                        "twitch_category_id", "9".repeat(256)))))));
        assertThat(twitch.status()).as(twitch.toString()).isEqualTo(422);
        assertThat(twitch.json().get("errors").findValuesAsText("field")).containsExactly("works[0].editions[0].twitch_category_id");
        assertThat(c.get("/api/works/dated-work").status()).isEqualTo(404);
        assertThat(c.get("/api/works/streamed-work").status()).isEqualTo(404);
    }

    @Test
    void aReplayingOriginalIsCopiedPageByPageAndAListThatIsGoneIsLeftOut() throws IOException {
        Original original = new Original(1_100);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", original::answer);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Cli.Run run = Cli.run(dir.resolve("env"), Map.of(), "import", "questlog", url, "--api", c.baseUrl(),
                    "--token", c.writeToken());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("List 'gone' is gone from " + url + "/ (404): left out");
            assertThat(run.out()).contains("works 1100 created").contains("editions 1100 created").contains("lists 1 created");
        } finally {
            server.stop(0);
        }
        assertThat(original.requests).contains("/api/works?limit=500&offset=0", "/api/works?limit=500&offset=500",
                "/api/works?limit=500&offset=1000", "/api/editions?limit=500&offset=1000");
        JsonNode work = c.get("/api/works/replayed-work-1042").json();
        assertThat(work.get("id").asText()).isEqualTo(original.workId(1042).toString());
        assertThat(work.at("/editions/0/twitch_category_id").asText()).isEqualTo("tw-1042");
        JsonNode list = c.get("/api/lists/favourites").json();
        assertThat(list.get("id").asText()).isEqualTo(Original.LIST.toString());
        assertThat(list.at("/entries/0/work_slug").asText()).isEqualTo("replayed-work-7");
        assertThat(list.at("/entries/1/position").asInt()).isEqualTo(2);
        JsonNode activity = c.get("/api/lists/favourites/activity").json();
        assertThat(activity).hasSize(2);
        assertThat(activity.at("/0/verb").asText()).isEqualTo("reordered");
        assertThat(activity.at("/1/timestamp").asText()).isEqualTo("2024-01-02T03:04:05Z");
    }

    /** The original Questlog's read API as it answers: bare arrays, limit/offset pages, {"error": ...} 404s. */
    static final class Original {
        static final UUID LIST = UUID.fromString("6c1a0f5e-1d2b-4c3d-8e4f-000000000001");
        final List<String> requests = new CopyOnWriteArrayList<>();
        final ArrayNode works = TestApp.JSON.createArrayNode();
        final ArrayNode editions = TestApp.JSON.createArrayNode();

        Original(int count) {
            for (int i = 0; i < count; i++) {
                ObjectNode w = works.addObject();
                w.put("id", workId(i).toString());
                w.put("name", "Replayed Work " + i);
                w.put("slug", "replayed-work-" + i);
                w.putNull("franchise");
                w.put("original_release_year", 1990 + i % 30);
                ObjectNode e = editions.addObject();
                e.put("id", new UUID(2, i).toString());
                e.put("work_id", workId(i).toString());
                e.put("name", "Replayed Work " + i);
                e.put("slug", "replayed-work-" + i);
                e.put("edition_type", "original");
                e.putNull("igdb_id");
                e.put("twitch_category_id", "tw-" + i);
                e.put("cover_url", "");
                e.putNull("release_date");
                e.put("summary", "");
            }
        }

        UUID workId(int i) {
            return new UUID(1, i);
        }

        void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestURI().toString());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Object body = switch (path) {
                case "/api/franchises", "/api/genres" -> List.of();
                case "/api/works" -> page(works, query);
                case "/api/editions" -> page(editions, query);
                case "/api/lists" -> List.of(Map.of("id", LIST.toString(), "slug", "favourites", "name", "Favourites",
                        "description", "", "is_ranked", true, "entry_count", 2),
                        Map.of("id", UUID.randomUUID().toString(), "slug", "gone", "name", "Gone", "description", "",
                                "is_ranked", false, "entry_count", 0));
                case "/api/lists/favourites" -> Map.of("id", LIST.toString(), "slug", "favourites", "name", "Favourites",
                        "description", "", "is_ranked", true, "entries", List.of(
                                entry(1, 7, 1), entry(2, 3, 2)));
                case "/api/lists/favourites/activity" -> List.of(
                        Map.of("id", new UUID(4, 2).toString(), "timestamp", "2024-02-01T00:00:00Z", "verb", "reordered",
                                "entries", List.of("replayed-work-7"), "metadata", Map.of("from", 2, "to", 1)),
                        Map.of("id", new UUID(4, 1).toString(), "timestamp", "2024-01-02T03:04:05Z", "verb", "added",
                                "entries", List.of("replayed-work-3", "replayed-work-7"),
                                "metadata", Map.of("positions", List.of(1, 2))));
                default -> null;
            };
            byte[] bytes = TestApp.JSON.writeValueAsBytes(body != null ? body
                    : Map.of("error", path.startsWith("/api/lists/") ? "List not found" : "Not found"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private Map<String, Object> entry(int id, int work, int position) {
            Map<String, Object> e = new HashMap<>();
            e.put("id", new UUID(3, id).toString());
            e.put("work_id", workId(work).toString());
            e.put("work_name", "Replayed Work " + work);
            e.put("work_slug", "replayed-work-" + work);
            e.put("position", position);
            e.put("notes", "");
            return e;
        }

        private static ArrayNode page(ArrayNode all, Map<String, String> query) {
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            ArrayNode page = TestApp.JSON.createArrayNode();
            for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
                page.add(all.get(i));
            }
            return page;
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> query = new HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            return query;
        }
    }

    /** The answer with only the original's members, by the kind of each object. */
    static JsonNode original(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = TestApp.JSON.createArrayNode();
            node.forEach(n -> out.add(original(n)));
            return out;
        }
        String kind = node.has("timestamp") ? "activity" : node.has("work_name") ? "entry"
                : node.has("entry_count") || node.has("entries") ? "list" : node.has("edition_type") ? "edition"
                : node.has("original_release_year") ? "work" : node.has("parent_id") ? "genre" : "franchise";
        ObjectNode out = TestApp.JSON.createObjectNode();
        for (String field : FIELDS.get(kind)) {
            JsonNode value = node.get(field);
            out.set(field, value == null ? null : value.isContainerNode() && !field.equals("metadata") && !field.equals("entries")
                    || field.equals("entries") && kind.equals("list") ? original(value) : value);
        }
        if (kind.equals("list") && node.has("entries")) {
            out.set("entries", original(node.get("entries")));
            out.remove("entry_count");
        }
        if (kind.equals("work") && node.has("editions")) {
            out.set("editions", original(node.get("editions")));
        }
        return out;
    }

    private static JsonNode created(TestApp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static String[] concat(String[] x, String[] y) {
        List<String> all = new ArrayList<>(List.of(x));
        all.addAll(List.of(y));
        return all.toArray(String[]::new);
    }
}
