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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/franchises} and {@code /api/genres}: bare arrays by name, as the original API
 * answers them (the canonical API shares these paths), and their creation.
 */
class FranchisesGenresRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @Test
    void franchisesAreCreatedAndListedByCodePointName() {
        JsonNode zelda = created(app.post("/api/franchises", Map.of("name", "The Legend of Zelda")));
        assertThat(fields(zelda)).containsExactly("id", "name", "slug");
        assertThat(zelda.get("slug").asText()).isEqualTo("the-legend-of-zelda");
        assertThat(created(app.post("/api/franchises", Map.of("name", "the legend of zelda"))).get("slug").asText())
                .isEqualTo("the-legend-of-zelda-2");
        created(app.post("/api/franchises", Map.of("name", "Ys", "slug", "ys")));
        created(app.post("/api/franchises", Map.of("name", EVIL)));
        created(app.post("/api/franchises", Map.of("name", "Émile")));

        var response = app.get("/api/franchises/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode list = response.json();
        assertThat(list.isArray()).isTrue();
        // code-point order: uppercase, then lowercase, then accented
        assertThat(names(list)).isSortedAccordingTo(String::compareTo)
                .containsSubsequence(EVIL, "The Legend of Zelda", "Ys", "the legend of zelda", "Émile");
        assertThat(list).contains(zelda);
        assertThat(app.get("/api/franchises", "If-None-Match", response.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void badFranchisesAre400Or401Or409Or422() {
        var anonymous = app.send("POST", "/api/franchises", "{\"name\": \"Sneaky\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith(PROBLEM);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Unauthorized");
        assertProblem(app.post("/api/franchises", Map.of("slug", "nameless")), 422, "name");
        assertProblem(app.post("/api/franchises", Map.of("name", "")), 422, "name");
        assertProblem(app.post("/api/franchises", Map.of("name", List.of("x"))), 422, "name");
        assertProblem(app.post("/api/franchises", Map.of("name", "Extra", "games", 3)), 422, "games");
        assertProblem(app.post("/api/franchises", "{"), 400, null);
        assertProblem(app.post("/api/franchises", Map.of("name", "Bad", "slug", "-bad-")), 422, "slug");
        assertProblem(app.post("/api/franchises", Map.of("name", "x".repeat(501))), 422, "name");
        assertProblem(app.post("/api/franchises", Map.of("name", "Nul\u0000")), 422, "name");
        created(app.post("/api/franchises", Map.of("name", "Mother", "slug", "mother")));
        assertConflict(app.post("/api/franchises", Map.of("name", "Earthbound", "slug", "mother")), "slug");
        assertThat(names(app.get("/api/franchises").json())).doesNotContain("Sneaky", "Earthbound", "Bad");
    }

    @Test
    void genresAreCreatedWithParentsAndIgdbIdsAndListedInTheOriginalShape() {
        JsonNode rpg = created(app.post("/api/genres", Map.of("name", "Role-playing (RPG)", "igdb_id", 12)));
        assertThat(fields(rpg)).containsExactly("id", "name", "slug", "igdb_id", "parent_id");
        assertThat(rpg.get("slug").asText()).isEqualTo("role-playing-rpg");
        assertThat(rpg.get("igdb_id").asLong()).isEqualTo(12);
        assertThat(rpg.get("parent_id").isNull()).isTrue();
        JsonNode jrpg = created(app.post("/api/genres", Map.of("name", "JRPG", "parent", "role-playing-rpg")));
        assertThat(jrpg.get("parent_id").asText()).isEqualTo(rpg.get("id").asText());
        assertThat(jrpg.get("igdb_id").isNull()).isTrue();
        JsonNode evil = created(app.post("/api/genres", Map.of("name", EVIL, "slug", "evil")));
        assertThat(evil.get("name").asText()).isEqualTo(EVIL);

        var response = app.get("/api/genres");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        assertThat(names(response.json())).isSortedAccordingTo(String::compareTo)
                .containsSubsequence("JRPG", EVIL, "Role-playing (RPG)");
        assertThat(response.json()).contains(jrpg, rpg, evil);
    }

    @Test
    void badGenresAre400Or401Or409Or422() {
        var anonymous = app.send("POST", "/api/genres", "{\"name\": \"Sneaky\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Unauthorized");
        assertProblem(app.post("/api/genres", Map.of("igdb_id", 5)), 422, "name");
        assertProblem(app.post("/api/genres", Map.of("name", "Typed", "igdb_id", "5")), 422, "igdb_id");
        assertProblem(app.post("/api/genres", Map.of("name", "Orphan", "parent", "no-such-genre")), 422, "parent");
        assertProblem(app.post("/api/genres", Map.of("name", "Negative", "igdb_id", -1)), 422, "igdb_id");
        assertProblem(app.post("/api/genres", Map.of("name", "y".repeat(501))), 422, "name");
        created(app.post("/api/genres", Map.of("name", "Shooter", "igdb_id", 5)));
        assertConflict(app.post("/api/genres", Map.of("name", "Shoot 'em up", "igdb_id", 5)), "igdb_id");
        assertConflict(app.post("/api/genres", Map.of("name", "Shooter", "slug", "shooter")), "slug");
        assertThat(names(app.get("/api/genres").json())).doesNotContain("Sneaky", "Orphan", "Shoot 'em up");
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
