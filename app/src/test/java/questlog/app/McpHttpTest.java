package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP bridge over Streamable HTTP at /mcp, driven by the MCP SDK's own client. The test that
 * writes runs last, so that the others see the known library as seeded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpHttpTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static McpSyncClient withToken;
    static McpSyncClient anonymous;

    @BeforeAll
    static void library() {
        McpLibrary.seed(app);
        withToken = client(app, app.writeToken());
        anonymous = client(app, null);
    }

    @AfterAll
    static void close() {
        withToken.close();
        anonymous.close();
    }

    static McpSyncClient client(TestApp app, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(app.baseUrl()).endpoint("/mcp");
        if (token != null) {
            transport.requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
        }
        McpSyncClient client = McpClient.sync(transport.build()).jsonSchemaValidator(new questlog.mcp.SchemaValidator()).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @Test
    void initializeNamesTheServerAndItsCapabilities() {
        assertThat(withToken.getServerInfo().name()).isEqualTo("questlog");
        assertThat(withToken.getServerCapabilities().tools()).isNotNull();
        assertThat(withToken.getServerCapabilities().resources()).isNotNull();
        assertThat(withToken.getServerInstructions()).contains("search_games");
    }

    @Test
    void everyReadToolAnswersOnTheKnownLibrary() {
        McpLibrary.checkReadTools(anonymous);
    }

    @Test
    void badArgumentsAreToolErrors() {
        McpLibrary.checkBadArguments(withToken);
    }

    @Test
    void writesNeedATokenWithTheWriteScope() {
        String refused = McpLibrary.toolError(anonymous, "log_playthrough", Map.of("game", "hades", "status", "playing"));
        assertThat(refused).contains("401", "token");
        String readOnly = app.deps().tokens().create("mcp-reader", java.util.List.of("read")).secret();
        McpSyncClient reader = client(app, readOnly);
        try {
            assertThat(McpLibrary.toolError(reader, "add_to_list", Map.of("list", "top-rpgs", "game", "hades")))
                    .contains("403", "scope");
        } finally {
            reader.close();
        }
        assertThat(app.get("/api/playthroughs?game=hades").json().path("total").asInt()).isZero();
        assertThat(app.get("/api/lists/top-rpgs").json().path("entries")).hasSize(2);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void writeToolsLogAPlaythroughAndAddToAList() {
        var logged = McpLibrary.call(withToken, "log_playthrough", Map.of("game", "hades", "status", "completed",
                "completed_at", "2024-05-01", "rating", 8, "playtime_hours", 22.5, "platform", "pc"));
        assertThat(logged.at("/playthrough/status").asText()).isEqualTo("completed");
        assertThat(app.get("/api/playthroughs?game=hades").json().at("/items/0/playtime_hours").asDouble()).isEqualTo(22.5);

        var added = McpLibrary.call(withToken, "add_to_list", Map.of("list", "top-rpgs", "game", "hades", "position", 1,
                "notes", "One more run"));
        assertThat(added.path("position").asInt()).isEqualTo(1);
        assertThat(app.get("/api/lists/top-rpgs").json().at("/entries/0/work_slug").asText()).isEqualTo("hades");
        assertThat(McpLibrary.toolError(withToken, "add_to_list", Map.of("list", "top-rpgs", "game", "hades")))
                .contains("409");
    }

    @Test
    void oneCallNeedsNoSessionAsTheReadmeShowsWithCurl() {
        var response = app.send("POST", "/mcp", """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"whats_next","arguments":{"limit":1}}}""",
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Mcp-Session-Id")).isNull();
        assertThat(response.json().path("id").asInt()).isEqualTo(7);
        assertThat(response.json().at("/result/structuredContent/suggestions/0/slug").asText()).isEqualTo("final-fantasy-ix");
        assertThat(app.get("/mcp").status()).as("no server-sent stream").isEqualTo(405);
    }

    @Test
    void slugsCannotLeaveTheirPlaceInTheUrl() {
        McpLibrary.checkSlugsCannotLeaveTheirPlace(withToken);
        assertThat(app.get("/api/lists/top-rpgs").json().path("entries")).hasSize(2);
    }

    @Test
    void aMessageThatIsNotOneJsonRpcMessageIsAJsonRpcError() throws Exception {
        String accept = "application/json, text/event-stream";
        checkRefusal(app.send("POST", "/mcp", "not json", "Content-Type", "application/json", "Accept", accept),
                400, -32700, null);
        checkRefusal(app.send("POST", "/mcp", "{not json", "Content-Type", "application/json", "Accept", accept),
                400, -32700, null);
        checkRefusal(app.send("POST", "/mcp", "{\"foo\":1}", "Content-Type", "application/json", "Accept", accept),
                400, -32600, null);
        checkRefusal(app.send("POST", "/mcp", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
                "Content-Type", "application/json", "Accept", accept), 400, -32600, null);
        checkRefusal(app.send("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3}", "Content-Type", "application/json",
                "Accept", accept), 400, -32600, 3);
        checkRefusal(app.send("POST", "/mcp", "", "Content-Type", "application/json", "Accept", accept), 400, -32700, null);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        checkRefusal(app.send("POST", "/mcp", ping, "Content-Type", "application/json", "Accept", "application/json"),
                400, -32600, 1);
        checkRefusal(textPlain(ping), 415, -32600, 1);
        assertThat(app.send("POST", "/mcp", ping, "Content-Type", "application/json", "Accept", accept).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> McpLibrary.call(anonymous, "no_such_tool", Map.of())).isInstanceOf(RuntimeException.class);
    }

    /** {@code app.send} always says the body is JSON; this one says it is not. */
    private static TestApp.Response textPlain(String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/mcp"))
                .header("Content-Type", "text/plain").header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new TestApp.Response(response.statusCode(), response.headers().map(), response.body());
        }
    }

    private static void checkRefusal(TestApp.Response response, int status, int code, Integer id) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        var body = response.json();
        var names = new java.util.ArrayList<String>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(response.body()).containsExactlyInAnyOrder("jsonrpc", "id", "error");
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        if (id == null) {
            assertThat(body.path("id").isNull()).as(response.body()).isTrue();
        } else {
            assertThat(body.path("id").asInt()).isEqualTo(id);
        }
        assertThat(body.at("/error/code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("stackTrace", "Exception", "questlog.", "io.modelcontextprotocol");
    }

    /** After the other reads (it adds lists and a game), before the test that writes through the tools. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aGameInManyListsWithLongNotesIsAnsweredBounded() {
        assertThat(app.post("/api/games", Map.of("name", "Grindy", "summary", "S".repeat(19_000))).status()).isEqualTo(201);
        for (int i = 0; i < 30; i++) {
            assertThat(app.post("/api/lists", Map.of("name", "Long notes " + i, "description", "D".repeat(5_000)))
                    .status()).isEqualTo(201);
            assertThat(app.post("/api/lists/long-notes-" + i + "/entries", Map.of("game", "grindy",
                    "notes", "E".repeat(19_000))).status()).isEqualTo(201);
        }
        var game = McpLibrary.call(withToken, "get_game", Map.of("slug", "grindy"));
        assertThat(game.path("lists")).hasSize(25);
        assertThat(game.path("list_count").asInt()).isEqualTo(30);
        game.path("lists").forEach(l -> {
            assertThat(l.path("notes").asText()).hasSize(501).endsWith("…");
            assertThat(l.path("slug").asText()).startsWith("long-notes-");
        });
        assertThat(game.path("summary").asText()).hasSize(2001);
        assertThat(game.toString().length()).isLessThan(30_000);
        var resource = withToken.readResource(new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest(
                "questlog://games/grindy"));
        assertThat(((io.modelcontextprotocol.spec.McpSchema.TextResourceContents) resource.contents().getFirst()).text()
                .length()).isLessThan(40_000);
    }
}
