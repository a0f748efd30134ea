package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/import over HTTP, as the gist import script and the original Questlog's clients
 * send it: the dataset format (report, dry run, 422 with per-record errors), the original's
 * {franchises, works, editions} body with its exact answer, and the guards (token, malformed
 * JSON, the body cap).
 */
class ImportRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final String PROBLEM = "application/problem+json";

    @BeforeEach
    void emptyLibrary() {
        app.deps().jdbi().useHandle(h -> h.execute("TRUNCATE game_genre, external_id, edition, game, franchise, genre, list CASCADE"));
    }

    @Test
    void aDuplicateMemberNameInADatasetRecordRefusesTheDocumentNamingWhere() throws Exception {
        String document = TestApp.JSON.writeValueAsString(dataset(2))
                .replace("\"name\":\"Game 2\"", "\"name\":\"Game 2\",\"name\":\"Game Two\"");
        assertThat(document).contains("Game Two");
        var response = app.post("/api/import", document);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("games[1].name");
        assertThat(app.get("/api/works/game-1").status()).as("nothing imported").isEqualTo(404);

        var legacy = app.post("/api/import", "{\"works\": [{\"name\": \"A\", \"slug\": \"a\", \"slug\": \"b\"}]}");
        assertThat(legacy.status()).as(legacy.body()).isEqualTo(400);
        assertThat(legacy.json().at("/errors/0/field").asText()).isEqualTo("works[0].slug");

        // The command line reads the same way: the report says where.
        var report = app.deps().importer.importStream(
                new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
        assertThat(report.ok()).isFalse();
        assertThat(report.errors().getFirst().message()).contains("games[1].name").contains("twice");
    }

    @Test
    void aDatasetIsImportedAndTheReportAnswered() {
        var before = app.get("/api/works");
        assertThat(before.status()).isEqualTo(200);
        assertThat(app.get("/api/works", "If-None-Match", before.header("ETag")).status()).as("cached").isEqualTo(304);

        var response = app.post("/api/import", dataset(3));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode report = response.json();
        assertThat(fields(report)).containsExactly("ok", "dry_run", "format", "version", "sections", "notes",
                "error_count", "errors", "elapsed_ms");
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("dry_run").asBoolean()).isFalse();
        assertThat(report.get("format").asText()).isEqualTo("questlog-bench-dataset");
        assertThat(report.get("version").asInt()).isEqualTo(1);
        assertThat(fields(report.get("sections"))).containsExactly("genres", "franchises", "games", "editions",
                "playthroughs", "lists", "list_entries");
        assertThat(fields(report.at("/sections/games"))).containsExactly("received", "created", "updated", "unchanged", "matched");
        assertThat(report.at("/sections/games/received").asInt()).isEqualTo(3);
        assertThat(report.at("/sections/games/created").asInt()).isEqualTo(3);
        assertThat(report.at("/sections/editions/created").asInt()).isEqualTo(3);
        assertThat(report.at("/sections/playthroughs/created").asInt()).isEqualTo(2);
        assertThat(report.at("/sections/lists/created").asInt()).isEqualTo(1);
        assertThat(report.at("/sections/list_entries/received").asInt()).isEqualTo(0);
        assertThat(report.get("notes")).isEmpty();
        assertThat(report.get("error_count").asInt()).isZero();
        assertThat(report.get("errors")).isEmpty();

        // The read API sees the import at once: the cached answer from before is invalidated.
        var after = app.get("/api/works", "If-None-Match", before.header("ETag"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json()).extracting(w -> w.get("slug").asText()).containsExactly("game-1", "game-2", "game-3");
        var work = app.get("/api/works/game-1");
        assertThat(work.status()).isEqualTo(200);
        assertThat(work.json().get("id").asText()).isEqualTo(new UUID(1, 1).toString());
        assertThat(work.json().at("/franchise/slug").asText()).isEqualTo("series");
        assertThat(work.json().at("/editions/0/slug").asText()).isEqualTo("game-1");

        var again = app.post("/api/import", dataset(3));
        assertThat(again.json().at("/sections/games/unchanged").asInt()).isEqualTo(3);
        assertThat(again.json().at("/sections/games/created").asInt()).isZero();
    }

    @Test
    void aDryRunAnswersTheCountsAndWritesNothing() {
        var response = app.post("/api/import?dry_run=true", dataset(2));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("dry_run").asBoolean()).isTrue();
        assertThat(response.json().at("/sections/games/created").asInt()).isEqualTo(2);
        assertThat(count("game") + count("franchise") + count("genre") + count("edition")).isZero();

        assertThat(app.post("/api/import?dry_run=maybe", dataset(2)).status()).isEqualTo(400);
    }

    @Test
    void aDatasetWithProblemsIsA422ListingThemAndNothingIsWritten() {
        ObjectNode doc = dataset(3);
        ((ObjectNode) doc.get("editions").get(2)).put("game", "no-such-game");
        ((ObjectNode) doc.get("games").get(0)).put("original_release_year", "1990");

        var response = app.post("/api/import", doc);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith(PROBLEM);
        JsonNode problem = response.json();
        assertThat(fields(problem)).startsWith("type", "title", "status", "detail", "instance", "ok");
        assertThat(problem.get("type").asText()).isEqualTo("https://questlog.dev/problems/invalid-input");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("detail").asText()).isEqualTo("The document has 2 problems; nothing was imported");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/import");
        assertThat(problem.get("ok").asBoolean()).isFalse();
        assertThat(problem.get("error_count").asInt()).isEqualTo(2);
        JsonNode first = problem.get("errors").get(0);
        assertThat(fields(first)).containsExactly("section", "index", "id", "slug", "field", "message");
        assertThat(first.get("section").asText()).isEqualTo("games");
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("id").asText()).isEqualTo(new UUID(1, 1).toString());
        assertThat(first.get("slug").asText()).isEqualTo("game-1");
        assertThat(first.get("field").asText()).isEqualTo("games[0].original_release_year");
        assertThat(problem.at("/errors/1/field").asText()).isEqualTo("editions[2].game");
        assertThat(count("game") + count("franchise") + count("genre") + count("edition")).isZero();

        var version2 = app.post("/api/import", dataset(1).put("version", 2));
        assertThat(version2.status()).isEqualTo(422);
        assertThat(version2.json().get("detail").asText())
                .isEqualTo("version: version 2 of questlog-bench-dataset is not supported; this server reads version 1; "
                        + "nothing was imported");
    }

    @Test
    void editionDatesOutsideTheReleaseYearsAreA422NotA500() {
        for (String date : List.of("0000-01-01", "1939-12-31", "2201-01-01")) {
            for (String path : List.of("/api/import", "/api/import?dry_run=true")) {
                ObjectNode doc = dataset(2);
                ((ObjectNode) doc.get("editions").get(1)).put("release_date", date);

                var response = app.post(path, doc);

                assertThat(response.status()).as(date + " " + response.body()).isEqualTo(422);
                assertThat(response.contentType()).startsWith(PROBLEM);
                assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("editions[1].release_date");
                assertThat(count("game") + count("franchise") + count("genre") + count("edition") + count("playthrough"))
                        .isZero();
            }
        }

        // An export holding such a date (stored before editions had a range) is refused the same way.
        assertThat(app.post("/api/import", dataset(1)).status()).isEqualTo(200);
        app.deps().jdbi().useHandle(h -> h.execute("UPDATE edition SET release_date = '0001-01-01 BC'"));
        String export = app.get("/api/export", "Authorization", "Bearer " + app.writeToken()).body();
        assertThat(export).contains("0000-01-01");
        for (String path : List.of("/api/import", "/api/import?dry_run=true")) {
            var response = app.post(path, export);
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("editions[0].release_date");
        }
    }

    @Test
    void textThatCannotBeStoredAsSentIsA422NamingTheRecordNotAQuestionMark() {
        ObjectNode doc = dataset(2);
        ((ObjectNode) doc.get("games").get(1)).put("name", "Game\udc00X");
        ((ObjectNode) doc.get("playthroughs").get(0)).put("notes", "lone\ud800surrogate");

        var response = app.post("/api/import", doc);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .contains("games[1].name", "playthroughs[0].notes");
        assertThat(count("game") + count("edition") + count("playthrough")).isZero();

        // The original Questlog's body, too (a JSON escape: the text of the body is plain ASCII).
        var legacy = app.post("/api/import", """
                {"works": [{"name": "Orig W\\ud800", "slug": "orig-w"}]}""");
        assertThat(legacy.status()).as(legacy.body()).isEqualTo(422);
        assertThat(legacy.contentType()).startsWith(PROBLEM);
        assertThat(legacy.json().at("/errors/0/field").asText()).isEqualTo("works[0].name");
        assertThat(count("game")).isZero();
    }

    @Test
    void theApisLengthLimitsHoldForTheImport() {
        ObjectNode doc = dataset(3);
        ((ObjectNode) doc.get("games").get(0)).put("name", "x".repeat(501));
        // One word of 5000 characters was a 500: the search vector takes words of up to 2047 bytes.
        ((ObjectNode) doc.get("games").get(1)).put("name", "y".repeat(5000));

        var response = app.post("/api/import", doc);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("games[0].name", "games[1].name");
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("must be at most 500 characters");
        assertThat(count("game")).isZero();
    }

    @Test
    void theOriginalQuestlogsBodyGetsTheOriginalsAnswer() {
        String body = """
                {"franchises": [{"name": "Final Fantasy", "slug": "final-fantasy"}],
                 "works": [{"name": "Final Fantasy VII", "slug": "final-fantasy-vii", "franchise_slug": "final-fantasy",
                            "original_release_year": 1997}],
                 "editions": [{"work_slug": "final-fantasy-vii", "name": "Final Fantasy VII", "slug": "ff7-ps1",
                               "edition_type": "original", "igdb_id": 427, "release_date": "1997-01-31",
                               "twitch_category_id": "11282"},
                              {"work_slug": "missing", "name": "Ghost", "slug": "ghost"}]}""";

        var response = app.post("/api/import", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode result = response.json();
        assertThat(fields(result)).containsExactly("franchises_created", "franchises_skipped", "works_created",
                "works_skipped", "editions_created", "editions_skipped", "errors");
        assertThat(result.get("franchises_created").isInt()).isTrue();
        assertThat(result.get("franchises_created").asInt()).isEqualTo(1);
        assertThat(result.get("franchises_skipped").asInt()).isZero();
        assertThat(result.get("works_created").asInt()).isEqualTo(1);
        assertThat(result.get("works_skipped").asInt()).isZero();
        assertThat(result.get("editions_created").asInt()).isEqualTo(1);
        assertThat(result.get("editions_skipped").asInt()).isZero();
        assertThat(result.get("errors").isArray()).isTrue();
        assertThat(result.get("errors")).extracting(JsonNode::asText).containsExactly("Edition ghost: Work missing not found");

        var work = app.get("/api/works/final-fantasy-vii").json();
        assertThat(work.at("/franchise/slug").asText()).isEqualTo("final-fantasy");
        assertThat(work.at("/editions/0/twitch_category_id").asText()).isEqualTo("11282");
        assertThat(work.at("/editions/0/igdb_id").asInt()).isEqualTo(427);

        JsonNode again = app.post("/api/import", body).json();
        assertThat(again.get("franchises_skipped").asInt()).isEqualTo(1);
        assertThat(again.get("works_skipped").asInt()).isEqualTo(1);
        assertThat(again.get("editions_skipped").asInt()).isEqualTo(1);
        assertThat(again.get("editions_created").asInt()).isZero();
    }

    @Test
    void theOriginalsBodyWithBrokenRulesIsA422WithFieldPaths() {
        var response = app.post("/api/import", """
                {"franchises": [], "works": [{"name": "", "slug": "x"}], "editions": []}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("works[0].name");
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("is required");
    }

    @Test
    void malformedJsonIsA400() {
        var response = app.post("/api/import", "{\"format\": \"questlog-bench-dataset\", \"genres\": [");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM);

        var unknownField = app.post("/api/import", """
                {"works": [{"name": "A", "colour": "red"}]}""");
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.json().at("/errors/0/field").asText()).isEqualTo("works[0].colour");

        assertThat(app.post("/api/import", "[]").status()).isEqualTo(400);
    }

    @Test
    void writingNeedsAToken() {
        var response = app.send("POST", "/api/import", dataset(1));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("detail").asText()).isEqualTo("Unauthorized");
        assertThat(count("game")).isZero();
    }

    @Test
    void bodiesLargerThanTheGeneralOneMegabyteCapAreAccepted() {
        ObjectNode doc = dataset(1);
        ArrayNode genres = (ArrayNode) doc.get("genres");
        for (int i = 0; i < 5000; i++) {
            genres.addObject().put("id", new UUID(7, i).toString()).put("slug", "bulk-genre-" + i)
                    .put("name", "Bulk genre " + i + " " + "x".repeat(300));
        }

        var response = app.post("/api/import?dry_run=true", doc);

        assertThat(response.bytes().length).isPositive();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().at("/sections/genres/created").asInt()).isEqualTo(5002);
    }

    @Test
    void aDeclaredBodyOverTheImportCapIsA413BeforeAnythingIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1)))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + app.writeToken() + "\r\n"
                    + "Content-Length: " + ((256L << 20) + 1) + "\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(head).startsWith("HTTP/1.1 413");
            assertThat(head).contains("application/problem+json").contains("\"status\":413");
        }
    }

    /**
     * A small dataset document: two genres, one franchise, {@code games} games (game-1, ...) each
     * with its original edition, two playthroughs of game-1 and one empty ranked list.
     */
    static ObjectNode dataset(int games) {
        ObjectNode doc = TestApp.JSON.createObjectNode().put("format", "questlog-bench-dataset").put("version", 1);
        ArrayNode genres = doc.putArray("genres");
        genres.addObject().put("id", new UUID(3, 1).toString()).put("slug", "jrpg").put("name", "JRPG");
        genres.addObject().put("id", new UUID(3, 2).toString()).put("slug", "action").put("name", "Action");
        doc.putArray("franchises").addObject().put("id", new UUID(2, 1).toString()).put("slug", "series").put("name", "Series");
        ArrayNode gameArray = doc.putArray("games");
        ArrayNode editions = doc.putArray("editions");
        for (int i = 1; i <= games; i++) {
            ObjectNode game = gameArray.addObject().put("id", new UUID(1, i).toString()).put("slug", "game-" + i)
                    .put("name", "Game " + i).put("franchise", "series").put("original_release_year", 1990 + i)
                    .put("summary", "").put("cover_url", "").put("igdb_id", 1000 + i);
            game.putArray("genres").add("action").add("jrpg");
            game.putArray("platforms").add("pc");
            ObjectNode edition = editions.addObject().put("id", new UUID(4, i).toString()).put("slug", "game-" + i)
                    .put("game", "game-" + i).put("name", "Game " + i).put("edition_type", "original")
                    .put("release_date", (1990 + i) + "-06-01");
            edition.putArray("platforms").add("pc");
        }
        ArrayNode playthroughs = doc.putArray("playthroughs");
        for (int i = 1; i <= 2; i++) {
            playthroughs.addObject().put("id", new UUID(5, i).toString()).put("edition", "game-1").put("game", "game-1")
                    .put("platform", "pc").put("started_at", "2020-0" + i + "-01").put("completed_at", "2020-0" + i + "-20")
                    .put("playtime_hours", 10 * i).put("rating", 7 + i).put("notes", "");
        }
        doc.putArray("lists").addObject().put("id", new UUID(6, 1).toString()).put("slug", "favourites")
                .put("name", "Favourites").put("description", "").put("is_ranked", true);
        doc.putArray("list_entries");
        return doc;
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static int count(String table) {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }
}
