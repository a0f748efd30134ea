package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;
import questlog.common.Page;
import questlog.common.Json;

/**
 * The document {@link OpenApi} builds from operations, without a server: schemas generated from
 * records must accept exactly what the app's ObjectMapper writes, and operations must carry
 * their parameters, security and problems.
 */
class OpenApiDocumentTest {
    static final ObjectMapper JSON = Json.objectMapper();

    enum Kind { ORIGINAL, REMASTER }

    enum Mood {
        @JsonProperty("happy") HAPPY,
        @JsonProperty("grumpy") GRUMPY
    }

    record Franchise(UUID id, String name, String slug) {}

    record GameView(UUID id, String sortName, int originalReleaseYear, Integer rating, double playtimeHours,
                    boolean isRanked, LocalDate releaseDate, Instant lastSyncedAt, List<String> platforms,
                    Franchise franchise, List<Franchise> related, Map<String, Integer> counts, Kind kind, Mood mood,
                    @JsonProperty("igdb") Long igdbId, JsonNode igdbData,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {}

    record CreateGame(String name, Integer igdbId, List<String> platforms, Franchise franchise) {}

    static final class First {
        record Report(int created) {}
    }

    static final class Second {
        record Report(String summary) {}
    }

    static final List<ApiOperation> OPERATIONS = List.of(
            ApiOperation.get("/api/games", "List games", ApiResponse.pageOf(GameView.class))
                    .withParams(ApiParam.query("year", Integer.class, "Release year"),
                            ApiParam.query("kind", Kind.class, "Only this kind"),
                            ApiParam.query("since", LocalDate.class, "Changed since"),
                            ApiParam.query("q", String.class, "Search")),
            ApiOperation.get("/api/games/{slug}", "Get a game", ApiResponse.ok(GameView.class)).withProblems(404),
            ApiOperation.get("/api/works", "List works", ApiResponse.arrayOf(GameView.class)).withTag("Compatibility"),
            ApiOperation.post("/api/games", "Add a game", ApiResponse.created(GameView.class))
                    .withBody(CreateGame.class).withProblems(409, 422).withTag("Games"),
            ApiOperation.put("/api/lists/{slug}/order", "Reorder", ApiResponse.noContent())
                    .withBody(ApiBody.arrayOf(String.class))
                    .withParams(ApiParam.path("slug", "The list's slug")),
            ApiOperation.delete("/api/games/<slug>", "Delete a game", ApiResponse.noContent()).withTag("Games"),
            ApiOperation.post("/api/reports/first", "First", ApiResponse.ok(First.Report.class)),
            ApiOperation.post("/api/reports/second", "Second", ApiResponse.ok(Second.Report.class)),
            ApiOperation.get("/status", "Status", ApiResponse.ok(ApiBody.raw("text/plain"))).withAccess(Access.PUBLIC));

    static final JsonNode DOC = OpenApi.document(JSON, OPERATIONS);
    static final OpenApiTest.Spec SPEC = new OpenApiTest.Spec(DOC);

    static GameView full() {
        return new GameView(UUID.randomUUID(), "Okami", 2006, 9, 42.5, true, LocalDate.of(2006, 4, 20),
                Instant.parse("2026-02-11T12:34:56.789Z"), List.of("PS2", "Wii"),
                new Franchise(UUID.randomUUID(), "Okami", "okami"), List.of(new Franchise(UUID.randomUUID(), "Zelda", "zelda")),
                Map.of("playthroughs", 3), Kind.REMASTER, Mood.HAPPY, 1234L, JSON.createObjectNode().put("any", "thing"), "hi");
    }

    static GameView empty() {
        return new GameView(null, null, 0, null, 0, false, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void schemasAcceptWhatTheMapperWrites() throws Exception {
        for (GameView game : List.of(full(), empty())) {
            SPEC.check("GET", "/api/games/okami", json(200, game));
        }
        SPEC.check("GET", "/api/games?limit=2", json(200, new Page<>(List.of(full(), empty()), 7, 2, 0, "/api/games?limit=2&offset=2")));
        SPEC.check("GET", "/api/works", json(200, List.of(full(), empty())));
        SPEC.check("POST", "/api/games", json(201, full()));
        SPEC.check("PUT", "/api/lists/rpgs/order", new TestApp.Response(204, Map.of(), new byte[0]));
        SPEC.check("POST", "/api/reports/first", json(200, new First.Report(3)));
    }

    @Test
    void schemasRejectWhatBreaksTheContract() throws Exception {
        ObjectMapper json = Json.objectMapper();
        var missingField = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        missingField.remove("sort_name");
        assertRejected("GET", "/api/games/okami", missingField, "sort_name");

        var camelCase = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        camelCase.set("sortName", camelCase.remove("sort_name"));
        assertRejected("GET", "/api/games/okami", camelCase, "sort_name");

        var badDate = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        badDate.put("release_date", "20 April 2006");
        assertRejected("GET", "/api/games/okami", badDate, "release_date");

        var badTimestamp = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        badTimestamp.put("last_synced_at", 1700000000);
        assertRejected("GET", "/api/games/okami", badTimestamp, "last_synced_at");

        var nullPrimitive = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        nullPrimitive.putNull("original_release_year");
        assertRejected("GET", "/api/games/okami", nullPrimitive, "original_release_year");

        var unknownEnum = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        unknownEnum.put("mood", "HAPPY");
        assertRejected("GET", "/api/games/okami", unknownEnum, "mood");

        var badNested = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(full());
        ((com.fasterxml.jackson.databind.node.ObjectNode) badNested.get("franchise")).put("id", "not-a-uuid");
        assertRejected("GET", "/api/games/okami", badNested, "id");

        var pageWithoutEnvelope = json.valueToTree(List.of(full()));
        assertRejected("GET", "/api/games", pageWithoutEnvelope, "does not match");
    }

    @Test
    void responseSchemasDeclareNullabilityFormatsAndWireNames() {
        JsonNode game = DOC.at("/components/schemas/GameView");
        assertThat(iterable(game.get("properties").fieldNames())).containsExactly("id", "sort_name",
                "original_release_year", "rating", "playtime_hours", "is_ranked", "release_date", "last_synced_at",
                "platforms", "franchise", "related", "counts", "kind", "mood", "igdb", "igdb_data", "hint");
        JsonNode p = game.get("properties");
        assertThat(p.at("/id/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(p.at("/id/format").asText()).isEqualTo("uuid");
        assertThat(p.at("/original_release_year/type").asText()).isEqualTo("integer");
        assertThat(p.at("/rating/type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(p.at("/is_ranked/type").asText()).isEqualTo("boolean");
        assertThat(p.at("/release_date/format").asText()).isEqualTo("date");
        assertThat(p.at("/last_synced_at/format").asText()).isEqualTo("date-time");
        assertThat(p.at("/franchise/anyOf").toString()).contains("{\"type\":\"null\"}", "#/components/schemas/Franchise");
        assertThat(p.at("/related/items/$ref").asText()).isEqualTo("#/components/schemas/Franchise");
        assertThat(p.at("/counts/additionalProperties/type").asText()).isEqualTo("integer");
        assertThat(p.at("/kind/anyOf").toString()).contains("{\"type\":\"null\"}", "[\"ORIGINAL\",\"REMASTER\"]");
        assertThat(p.at("/mood/anyOf/1/enum").toString()).isEqualTo("[\"happy\",\"grumpy\"]");
        assertThat(p.get("igdb_data").isEmpty()).as("a JSON tree may hold anything").isTrue();
        assertThat(iterable(game.get("required").elements()).stream().map(JsonNode::asText).toList())
                .hasSize(16).doesNotContain("hint");

        JsonNode page = DOC.at("/components/schemas/PageOfGameView");
        assertThat(page.at("/properties/items/items/$ref").asText()).isEqualTo("#/components/schemas/GameView");
        assertThat(page.at("/properties/total/format").asText()).isEqualTo("int64");
        assertThat(page.at("/properties/next/type").toString()).isEqualTo("[\"string\",\"null\"]");
    }

    @Test
    void requestSchemasRequireNothingAndTypesUsedBothWaysKeepTheirResponseShape() {
        JsonNode create = DOC.at("/components/schemas/CreateGame");
        assertThat(create.get("properties").has("igdb_id")).isTrue();
        assertThat(create.has("required")).isFalse();
        assertThat(DOC.at("/components/schemas/Franchise/required").size()).isEqualTo(3);
        assertThat(DOC.at("/paths/~1api~1games/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CreateGame");
        assertThat(DOC.at("/paths/~1api~1lists~1{slug}~1order/put/requestBody/content/application~1json/schema").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    }

    @Test
    void nestedTypesWithTheSameNameGetTheirOuterClassInTheirName() {
        assertThat(DOC.at("/components/schemas/FirstReport/properties/created/type").asText()).isEqualTo("integer");
        assertThat(DOC.at("/components/schemas/SecondReport/properties/summary").isMissingNode()).isFalse();
        assertThat(DOC.at("/components/schemas/Report").isMissingNode()).isTrue();
    }

    @Test
    void operationsCarryParametersSecurityAndProblems() {
        JsonNode list = DOC.at("/paths/~1api~1games/get");
        assertThat(list.get("operationId").asText()).isEqualTo("getApiGames");
        assertThat(list.at("/parameters/0/name").asText()).isEqualTo("year");
        assertThat(list.at("/parameters/0/in").asText()).isEqualTo("query");
        assertThat(list.at("/parameters/0/required").asBoolean()).isFalse();
        assertThat(list.at("/parameters/1/schema/enum").toString()).isEqualTo("[\"ORIGINAL\",\"REMASTER\"]");
        assertThat(list.at("/parameters/2/schema/format").asText()).isEqualTo("date");
        assertThat(list.get("security").toString()).isEqualTo("[{},{\"bearerAuth\":[]}]");
        assertThat(iterable(list.get("responses").fieldNames())).containsExactly("200", "304", "400", "default");
        assertThat(list.at("/responses/200/headers/ETag").isMissingNode()).isFalse();

        JsonNode get = DOC.at("/paths/~1api~1games~1{slug}/get");
        assertThat(get.at("/parameters/0").toString())
                .isEqualTo("{\"name\":\"slug\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}");
        assertThat(iterable(get.get("responses").fieldNames())).containsExactly("200", "304", "404", "default");
        assertThat(get.at("/responses/404/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");

        JsonNode create = DOC.at("/paths/~1api~1games/post");
        assertThat(create.get("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(iterable(create.get("responses").fieldNames()))
                .containsExactly("201", "400", "401", "403", "409", "422", "default");
        assertThat(create.at("/responses/201/headers/ETag").isMissingNode()).as("only reads carry ETags").isTrue();
        assertThat(create.at("/responses/201/headers/Location/schema/type").asText()).isEqualTo("string");

        JsonNode delete = DOC.at("/paths/~1api~1games~1{slug}/delete");
        assertThat(delete.get("operationId").asText()).isEqualTo("deleteApiGamesBySlug");
        assertThat(delete.at("/responses/204/content").isMissingNode()).isTrue();

        JsonNode status = DOC.at("/paths/~1status/get");
        assertThat(status.get("security").toString()).isEqualTo("[]");
        assertThat(status.at("/responses/200/content/text~1plain/schema/type").asText()).isEqualTo("string");
        assertThat(status.at("/responses/304").isMissingNode()).isTrue();

        assertThat(DOC.get("tags").toString()).isEqualTo("[{\"name\":\"Operations\"},{\"name\":\"Compatibility\"},{\"name\":\"Games\"}]");
    }

    @Test
    void describingARouteTwiceOrClashingNamesIsAStartupError() {
        assertThatThrownBy(() -> OpenApi.document(JSON, List.of(
                ApiOperation.get("/api/games/{slug}", "One", ApiResponse.ok(GameView.class)),
                ApiOperation.get("/api/games/{id}", "Two", ApiResponse.ok(GameView.class)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("described twice");
        assertThatThrownBy(() -> OpenApi.document(JSON, List.of(
                ApiOperation.get("/api/health", "Clash", ApiResponse.ok(Problem.class)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Problem");
        assertThatThrownBy(() -> OpenApi.document(JSON, List.of(
                ApiOperation.get("/api/first", "One", ApiResponse.ok(First.Report.class)),
                ApiOperation.post("/api/second", "Two", ApiResponse.noContent()).withBody(Second.Report.class))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Report");
    }

    record Problem(String message) {}

    @Test
    void operationsRejectInconsistentDescriptions() {
        assertThatThrownBy(() -> ApiOperation.get("/api/games", "List", ApiResponse.ok(GameView.class))
                .withParams(ApiParam.path("slug", "not in the path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slug");
        assertThatThrownBy(() -> ApiOperation.get("/api/games", "List", ApiResponse.ok(GameView.class)).withBody(CreateGame.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET");
        assertThatThrownBy(() -> ApiOperation.get("/api/games/", "List", ApiResponse.ok(GameView.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiOperation.get("/api/games", "List", ApiResponse.ok(GameView.class)).withProblems(302))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("302");
        assertThatThrownBy(() -> ApiResponse.of(204, ApiBody.of(GameView.class))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiOperation.post("/api/x", "X", ApiResponse.noContent()).access()).isEqualTo(Access.WRITE);
        assertThat(ApiOperation.get("/api/x/{a}/<b>", "X", ApiResponse.noContent()).params())
                .extracting(ApiParam::name).containsExactly("a", "b");
    }

    private static void assertRejected(String method, String path, JsonNode body, String mentioning) throws Exception {
        var response = new TestApp.Response(200, Map.of("Content-Type", List.of("application/json")),
                JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SPEC.check(method, path, response))
                .as("%s should be rejected", body).isInstanceOf(AssertionError.class)
                .satisfies(e -> assertThat(OpenApiTest.findings(e)).contains(mentioning));
    }

    private static TestApp.Response json(int status, Object body) throws Exception {
        return new TestApp.Response(status, Map.of("Content-Type", List.of("application/json")), JSON.writeValueAsBytes(body));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }
}
