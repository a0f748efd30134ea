package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query parameters are checked once, for every route, before any handler reads them: a value (or
 * a name) that could not be stored exactly is a 400 problem naming the parameter, never a 500
 * from the database.
 */
class QueryParametersTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static TestApp.Response read(String pathAndQuery) {
        return app.send("GET", pathAndQuery, null, "Authorization", "Bearer " + app.writeToken());
    }

    static void assertRefused(TestApp.Response response, String parameter, String what) {
        assertThat(response.status()).as(what + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).as(what + " -> " + response).isEqualTo(parameter);
        assertThat(response.json().at("/errors/0/message").asText()).as(what).contains("NUL");
    }

    @Test
    void aNulInEveryDocumentedQueryParameterOfEveryReadIsA400NamingIt() {
        JsonNode paths = app.get("/api/openapi.json").json().path("paths");
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            JsonNode get = item.getValue().get("get");
            if (get == null) {
                continue;
            }
            String path = item.getKey().replaceAll("\\{[^}]*}", "x");
            for (JsonNode parameter : get.path("parameters")) {
                if (!parameter.path("in").asText().equals("query")) {
                    continue;
                }
                String name = parameter.path("name").asText();
                for (String value : List.of("%00", "a%00b")) {
                    String url = path + "?" + name + "=" + value;
                    assertRefused(read(url), name, "GET " + url);
                }
                checked.add("GET " + item.getKey() + "?" + name);
            }
        }
        // The walk reached the routes where a NUL used to get as far as PostgreSQL.
        assertThat(checked).contains("GET /api/playthroughs?game", "GET /api/playthroughs?platform",
                "GET /api/games/{slug}/playthroughs?platform", "GET /api/jobs?type", "GET /api/games?q");
        assertThat(checked.size()).as(checked.toString()).isGreaterThan(30);
    }

    @Test
    void theReportedExamplesAre400s() {
        assertRefused(read("/api/playthroughs?game=%00"), "game", "game");
        assertRefused(read("/api/playthroughs?platform=a%00b"), "platform", "platform");
        assertRefused(read("/api/games/hades/playthroughs?platform=%00"), "platform", "platform of a game");
        assertRefused(read("/api/jobs?type=%00"), "type", "job type");
        assertRefused(app.get("/api/playthroughs?game=%00"), "game", "without a token");
    }

    @Test
    void anUndocumentedParameterAndAParameterNameAreCheckedToo() {
        assertRefused(read("/api/genres?whatever=%00"), "whatever", "undocumented parameter");
        var name = read("/api/genres?a%00b=1");
        assertThat(name.status()).as(name.toString()).isEqualTo(400);
        assertThat(name.json().at("/errors/0/field").asText()).isEqualTo("a\0b");
        assertThat(name.json().at("/errors/0/message").asText()).startsWith("has a name that must not contain the NUL");
    }

    @Test
    void aLaterValueOfARepeatedParameterIsCheckedToo() {
        assertRefused(read("/api/playthroughs?game=celeste&game=%00"), "game", "second value");
    }

    @Test
    void aNulOrABrokenCharacterInAPathIsA400NotA500() {
        for (String path : List.of("/api/games/%00", "/api/games/a%00b/playthroughs", "/api/genres/%ED%A0%80",
                "/api/games/%C0%80")) {
            var response = read(path);
            assertThat(response.status()).as(path + " -> " + response).isBetween(400, 404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void writesAreCheckedBeforeTheyRun() {
        var response = app.send("POST", "/api/genres?x=%00", "{\"name\": \"Roguelike\"}",
                "Authorization", "Bearer " + app.writeToken());
        assertRefused(response, "x", "write");
        assertThat(app.get("/api/genres/roguelike").status()).isEqualTo(404);
    }
}
