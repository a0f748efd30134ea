package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import questlog.common.FieldErrors;
import questlog.common.Json;

/** The error format, on a small app with the real mappers and JSON settings (no database). */
class ProblemMappersTest {
    record Sample(String name, int year, LocalDate released, List<String> tags) {}

    enum Level { @com.fasterxml.jackson.annotation.JsonProperty("low") LOW, @com.fasterxml.jackson.annotation.JsonProperty("100%") FULL }

    record Timed(LocalDate day, java.time.Instant at, Level level, List<Level> levels, Sample sample) {}

    static Javalin app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        var json = Json.objectMapper();
        var problems = new ProblemMappers(json);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new io.javalin.json.JavalinJackson(json, false));
            config.http.maxRequestSize = 1 << 20;
            config.http.prefer405over404 = true;
            problems.register(config);
            config.routes.before(RequestIds::assign);
            config.routes.post("/samples", ctx -> ctx.json(ctx.bodyAsClass(Sample.class)));
            config.routes.post("/bodies", ctx -> ctx.json(questlog.common.Bodies.read(ctx, json, Sample.class).value()));
            config.routes.post("/timed", ctx -> ctx.json(questlog.common.Bodies.read(ctx, json, Timed.class).value()));
            config.routes.get("/samples/{id}", ctx -> ctx.json(ctx.pathParamAsClass("id", Integer.class).get()));
            config.routes.get("/works/{slug}", ctx -> {
                throw new NotFoundResponse("Work not found", Map.of("error", "Work not found"));
            });
            config.routes.get("/rules", ctx -> new FieldErrors()
                    .add("rating", "must be between 1 and 10")
                    .add("completed_at", "must not be before started_at")
                    .throwIfUnprocessable());
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("secret table users_password_hash exploded");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = TestApp.JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.has("type")).isTrue();
        assertThat(body.has("title")).isTrue();
        assertThat(body.has("detail")).isTrue();
        assertThat(body.has("instance")).isTrue();
        return body;
    }

    @Test
    void validBodiesRoundTrip() throws Exception {
        var response = send("POST", "/samples", "{\"name\":\"Ōkami 🐺\",\"year\":2006,\"released\":\"2006-04-20\",\"tags\":[\"a\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"Ōkami 🐺\",\"year\":2006,\"released\":\"2006-04-20\",\"tags\":[\"a\"]}");
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        var body = problem(send("GET", "/nowhere", null), 404);
        assertThat(body.get("instance").asText()).isEqualTo("/nowhere");
    }

    @Test
    void wrongMethodIs405Problem() throws Exception {
        problem(send("DELETE", "/samples", null), 405);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        var response = send("DELETE", "/samples", null);
        var body = problem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(body.get("availableMethods").asText()).isEqualTo("POST");
        var withGet = send("PUT", "/samples/1", null);
        problem(withGet, 405);
        assertThat(withGet.headers().firstValue("Allow")).as("HEAD is answered wherever GET is").hasValue("GET, HEAD");
        var html = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/samples"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(405);
        assertThat(html.headers().firstValue("Allow")).as("whatever the client accepts").hasValue("POST");
    }

    @Test
    void aDuplicateMemberNameIs400NamingIt() throws Exception {
        var body = problem(send("POST", "/bodies", "{\"name\":\"a\",\"year\":1,\"name\":\"b\"}"), 400);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(body.get("detail").asText()).contains("'name'").contains("twice");
        var nested = problem(send("POST", "/timed", "{\"sample\":{\"tags\":[],\"name\":\"a\",\"tags\":[\"x\"]}}"), 400);
        assertThat(nested.at("/errors/0/field").asText()).isEqualTo("sample.tags");
        assertThat(send("POST", "/bodies", "{\"name\":\"a\",\"year\":1,\"released\":null,\"tags\":[\"a\",\"a\"]}")
                .statusCode()).as("repeated array items are the route's own business").isEqualTo(200);
    }

    @Test
    void datesTimestampsAndEnumsWithSurroundingSpacesAreRefused() throws Exception {
        for (var bad : List.of(Map.entry("{\"day\":\" 2021-03-04 \"}", "day"),
                Map.entry("{\"day\":\"\\t2021-03-05\\n\"}", "day"),
                Map.entry("{\"at\":\" 2021-01-01T10:00:00Z \"}", "at"),
                Map.entry("{\"at\":\"2021-01-01T10:00:00Z\\n\"}", "at"),
                Map.entry("{\"level\":\" low\"}", "level"),
                Map.entry("{\"level\":\"100% \"}", "level"),
                Map.entry("{\"levels\":[\"low\", \"low \"]}", "levels[1]"))) {
            var body = problem(send("POST", "/timed", bad.getKey()), 422);
            assertThat(body.at("/errors/0/field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(body.at("/errors/0/message").asText()).as(bad.getKey()).contains("surrounding spaces");
        }
        var fine = send("POST", "/timed", "{\"day\":\"2021-03-04\",\"at\":\"2021-01-01T10:00:00.123456Z\",\"level\":\"100%\"}");
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        assertThat(TestApp.JSON.readTree(fine.body()).get("at").asText()).isEqualTo("2021-01-01T10:00:00.123456Z");
    }

    @Test
    void aTimestampMorePreciseThanAMicrosecondIsRefused() throws Exception {
        for (String at : List.of("2021-01-01T10:00:00.9999999Z", "2021-01-01T10:00:00.123456789Z",
                "2021-01-01T10:00:00.0000001Z")) {
            var body = problem(send("POST", "/timed", "{\"at\":\"" + at + "\"}"), 422);
            assertThat(body.at("/errors/0/field").asText()).isEqualTo("at");
            assertThat(body.at("/errors/0/message").asText()).contains("microsecond");
        }
        var micro = send("POST", "/timed", "{\"at\":\"2021-01-01T10:00:00.999999000Z\"}");
        assertThat(micro.statusCode()).as("trailing zeros lose nothing").isEqualTo(200);
    }

    @Test
    void malformedJsonIs400WithoutParserInternals() throws Exception {
        var body = problem(send("POST", "/samples", "{\"name\": \"x\","), 400);
        assertThat(body.get("detail").asText()).startsWith("The request body is not valid JSON");
        assertThat(body.toString()).doesNotContain("com.fasterxml").doesNotContain("Sample");
    }

    @Test
    void wrongTypesAre422NamingTheField() throws Exception {
        var body = problem(send("POST", "/samples", "{\"name\":\"x\",\"year\":\"nineteen\",\"released\":null,\"tags\":[]}"), 422);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("year");
        assertThat(body.at("/errors/0/message").asText()).contains("whole number");
        var date = problem(send("POST", "/samples", "{\"name\":\"x\",\"year\":1,\"released\":\"31/12/2020\",\"tags\":[]}"), 422);
        assertThat(date.at("/errors/0/field").asText()).isEqualTo("released");
        var number = problem(send("POST", "/samples", "{\"name\":12,\"year\":1,\"released\":null,\"tags\":[]}"), 422);
        // What cannot be stored as sent is refused, not rounded or cut: a fraction, an exponent, a datetime for a date.
        for (String body422 : java.util.List.of("{\"name\":\"x\",\"year\":7.5,\"released\":null,\"tags\":[]}",
                "{\"name\":\"x\",\"year\":1e1,\"released\":null,\"tags\":[]}",
                "{\"name\":\"x\",\"year\":2017.6,\"released\":null,\"tags\":[]}",
                "{\"name\":\"x\",\"year\":1,\"released\":\"2020-01-02T10:00:00\",\"tags\":[]}")) {
            var refused = problem(send("POST", "/samples", body422), 422);
            assertThat(refused.at("/errors/0/field").asText()).as(body422).isIn("year", "released");
        }
        assertThat(number.at("/errors/0/field").asText()).isEqualTo("name");
    }

    @Test
    void textThatCannotBeStoredExactlyIsRefusedNamingEveryField() throws Exception {
        var body = problem(send("POST", "/bodies",
                "{\"name\":\"nul\\u0000\",\"year\":1,\"released\":null,\"tags\":[\"ok\", \"\\ud800\"]}"), 422);
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(body.at("/errors/0/message").asText()).contains("NUL");
        assertThat(body.at("/errors/1/field").asText()).isEqualTo("tags[1]");
        assertThat(body.at("/errors/1/message").asText()).contains("lone surrogate");
        var tooLong = problem(send("POST", "/bodies",
                "{\"name\":\"" + "x".repeat(questlog.common.Texts.MAX_LENGTH + 1) + "\",\"year\":1,\"released\":null,\"tags\":[]}"), 422);
        assertThat(tooLong.at("/errors/0/field").asText()).isEqualTo("name");
        var pair = send("POST", "/bodies", "{\"name\":\"wolf \\ud83d\\udc3a\",\"year\":1,\"released\":null,\"tags\":[]}");
        assertThat(pair.statusCode()).as("a surrogate pair is one character, and fine").isEqualTo(200);
        assertThat(problem(send("POST", "/bodies", "[1]"), 400).get("detail").asText()).contains("JSON object");
    }

    @Test
    void unknownFieldsAreRejected() throws Exception {
        var body = problem(send("POST", "/samples", "{\"name\":\"x\",\"year\":1,\"relased\":\"2020-01-01\"}"), 422);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("relased");
        assertThat(body.at("/errors/0/message").asText()).isEqualTo("unknown field");
    }

    @Test
    void nonObjectBodiesAre400() throws Exception {
        problem(send("POST", "/samples", "[1,2,3]"), 400);
        problem(send("POST", "/samples", ""), 400);
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2 << 20) + "\",\"year\":1}";
        var body = problem(send("POST", "/samples", big), 413);
        assertThat(body.get("detail").asText()).isEqualTo("The request body is too large");
    }

    @Test
    void badPathParametersAre400() throws Exception {
        var body = problem(send("GET", "/samples/abc", null), 400);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("id");
    }

    @Test
    void detailsBecomeExtensionMembersForTheCompatibilityApi() throws Exception {
        var body = problem(send("GET", "/works/nope", null), 404);
        assertThat(body.get("error").asText()).isEqualTo("Work not found");
        assertThat(body.get("detail").asText()).isEqualTo("Work not found");
    }

    @Test
    void ruleViolationsAre422WithEveryField() throws Exception {
        var body = problem(send("GET", "/rules", null), 422);
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.at("/errors/1/field").asText()).isEqualTo("completed_at");
    }

    @Test
    void unexpectedErrorsAreGeneric500sWithARequestId() throws Exception {
        var response = send("GET", "/boom", null);
        var body = problem(response, 500);
        assertThat(body.toString()).doesNotContain("users_password_hash").doesNotContain("IllegalState");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(body.get("request_id").asText()).isEqualTo(requestId);
        assertThat(body.get("detail").asText()).contains(requestId);
    }
}
