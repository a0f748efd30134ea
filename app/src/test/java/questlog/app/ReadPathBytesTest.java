package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The computed read paths of {@code GET /api/games}, {@code GET /api/games/{slug}} and
 * {@code GET /api/lists/{slug}} answer, byte for byte, what they answered before they were
 * rewritten on plain JDBC: a generated library with every field filled somewhere and null
 * elsewhere ({@link ExportDocumentGenerator}) is rendered through every filter, order, window
 * and visibility, and the transcript is compared with {@code fixtures/read-path-bytes.txt},
 * which the earlier JDBI path wrote. The cached path must serve the same bytes.
 * <p>
 * {@code -Dquestlog.readPathFixture=FILE} writes the transcript to FILE instead of comparing
 * (only for a deliberate change of these responses).
 */
class ReadPathBytesTest {
    @RegisterExtension
    @Order(1)
    static final TestApp computed = new TestApp(Map.of("QUESTLOG_RESPONSE_CACHE", "false",
            "QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));
    @RegisterExtension
    @Order(2)
    static final TestApp cached = TestApp.sharingDatabaseWith(computed, Map.of("QUESTLOG_RESPONSE_CACHE", "true",
            "QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

    static final long SEED = 20261206L;
    static final int GAMES = 24;
    static JsonNode generated;

    @BeforeAll
    static void importTheGeneratedLibrary() throws IOException {
        ObjectNode doc = new ExportDocumentGenerator(SEED).document(GAMES);
        byte[] bytes = TestApp.JSON.writeValueAsBytes(doc);
        generated = TestApp.JSON.readTree(bytes);
        var response = computed.post("/api/import", bytes);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Every request of the transcript: the listing's filters, orders and windows, each detail, each list. */
    static List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (String query : List.of("", "limit=5", "limit=5&offset=5", "limit=7&offset=21", "limit=5&offset=100",
                "limit=5&offset=24", "offset=0&limit=3&genre=genre-1", "genre=genre-2&limit=2&offset=2", "genre=genre-3",
                "genre=nope", "platform=pc", "platform=pc&limit=4&offset=4", "platform=ps5", "platform=xbox-one",
                "platform=nope&offset=10", "q=game", "q=game%201", "q=quest&limit=3", "q=sort", "q=ok&sort=-year",
                "q=%C5%8Dkami", "q=zzzz", "franchise=franchise-1", "franchise=franchise-2&sort=-name", "year=1985",
                "status=completed", "status=planned&limit=2", "sort=name", "sort=-name&limit=6&offset=3", "sort=year",
                "sort=-year", "sort=created&limit=4", "sort=-created", "sort=updated", "sort=-updated&offset=20",
                "genre=genre-1&platform=pc&sort=year", "genre=genre-3&q=game&franchise=franchise-2",
                "limit=20&offset=2&platform=switch&genre=genre-2", "genre=genre-2&sort=-name&limit=3&offset=1",
                "genre=genre-1&sort=name&offset=2", "platform=pc&sort=-name&limit=4", "platform=switch&q=game&limit=2")) {
            paths.add("/api/games" + (query.isEmpty() ? "" : "?" + query));
        }
        generated.get("games").forEach(g -> paths.add("/api/games/" + g.get("slug").asText()));
        paths.add("/api/games/no-such-game");
        generated.get("lists").forEach(l -> paths.add("/api/lists/" + l.get("slug").asText()));
        paths.add("/api/lists/no-such-list");
        return paths;
    }

    static String transcript(TestApp app) {
        StringBuilder out = new StringBuilder();
        for (String path : paths()) {
            // The listing shows nothing private: one reading of it is enough.
            for (boolean token : path.startsWith("/api/games?") ? new boolean[] {false} : new boolean[] {false, true}) {
                var response = token ? app.get(path, "Authorization", "Bearer " + app.writeToken()) : app.get(path);
                out.append("GET ").append(path).append(token ? " (reading token)" : "").append('\n')
                        .append(response.status()).append(' ')
                        .append(response.contentType()).append('\n')
                        .append(response.body()).append("\n\n");
            }
        }
        return out.toString();
    }

    @Test
    void theComputedPathAnswersTheBytesTheEarlierPathAnswered() throws IOException {
        String actual = transcript(computed);
        String target = System.getProperty("questlog.readPathFixture");
        if (target != null) {
            Files.writeString(Path.of(target), actual);
            return;
        }
        String expected;
        try (InputStream in = ReadPathBytesTest.class.getResourceAsStream("/fixtures/read-path-bytes.txt")) {
            assertThat(in).as("fixtures/read-path-bytes.txt").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void privateListsStayHiddenWithoutAReadingToken() {
        generated.get("lists").forEach(l -> {
            String path = "/api/lists/" + l.get("slug").asText();
            boolean isPublic = l.get("is_public").asBoolean();
            assertThat(computed.get(path).status()).as(path).isEqualTo(isPublic ? 200 : 404);
            assertThat(computed.get(path, "Authorization", "Bearer " + computed.writeToken()).status()).as(path)
                    .isEqualTo(200);
        });
        // A game in a private list shows that list only to a reader with a token.
        String privateList = generated.get("lists").get(2).get("slug").asText();
        String member = null;
        for (JsonNode entry : generated.get("list_entries")) {
            if (member == null && entry.get("list").asText().equals(privateList)) {
                member = entry.get("game").asText();
            }
        }
        assertThat(computed.get("/api/games/" + member).body()).doesNotContain("\"" + privateList + "\"");
        assertThat(computed.get("/api/games/" + member, "Authorization", "Bearer " + computed.writeToken()).body())
                .contains("\"" + privateList + "\"");
    }

    @Test
    void theCachedPathServesTheSameBytes() {
        String computedBytes = transcript(computed);
        assertThat(transcript(cached)).as("first, filling the cache").isEqualTo(computedBytes);
        assertThat(transcript(cached)).as("then from the cache").isEqualTo(computedBytes);
    }
}
