package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code questlog mcp --api URL --token T} as a desktop AI client runs it: a child process
 * speaking MCP on its standard input and output, driven by the MCP SDK's own stdio client,
 * against a running server with the known library. The test that writes runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpStdioTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final List<String> stderr = new CopyOnWriteArrayList<>();
    static McpSyncClient withToken;
    static McpSyncClient withoutToken;

    @BeforeAll
    static void library() {
        McpLibrary.seed(app);
        withToken = client("--token", app.writeToken());
        withoutToken = client();
    }

    @AfterAll
    static void close() {
        withToken.close();
        withoutToken.close();
    }

    /** A new {@code questlog mcp} process on this JVM's class path, initialized. */
    static McpSyncClient client(String... extra) {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "questlog.app.Main", "mcp", "--api", app.baseUrl()));
        args.addAll(List.of(extra));
        String java = ProcessHandle.current().info().command().orElse("java");
        // No token from the environment: the process gets exactly the token given, or none.
        var parameters = ServerParameters.builder(java).args(args).addEnvVar("QUESTLOG_TOKEN", "")
                .addEnvVar("QUESTLOG_API_KEY", "").build();
        var transport = new StdioClientTransport(parameters, new io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()));
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).jsonSchemaValidator(new questlog.mcp.SchemaValidator())
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    @Test
    void initializesAndAnswersEveryReadToolOverStdio() {
        assertThat(withToken.getServerInfo().name()).isEqualTo("questlog");
        McpLibrary.checkReadTools(withToken);
    }

    @Test
    void badArgumentsAreToolErrors() {
        McpLibrary.checkBadArguments(withToken);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void writesWithoutATokenAreRefusedAndWithOneAreStored() {
        String refused = McpLibrary.toolError(withoutToken, "add_to_list", Map.of("list", "top-rpgs", "game", "hades"));
        assertThat(refused).contains("401");
        assertThat(app.get("/api/lists/top-rpgs").json().path("entries")).hasSize(2);
        assertThat(app.post("/api/games", Map.of("name", "Celeste")).status()).isEqualTo(201);
        var logged = McpLibrary.call(withToken, "log_playthrough", Map.of("game", "celeste", "status", "abandoned"));
        assertThat(logged.at("/playthrough/game").asText()).isEqualTo("celeste");
        assertThat(app.get("/api/playthroughs?game=celeste").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void slugsCannotLeaveTheirPlaceInTheUrl() {
        McpLibrary.checkSlugsCannotLeaveTheirPlace(withToken);
    }

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    static String toolCall(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void aBlankOrMalformedLineIsAnsweredAndLaterRequestsAreStillServed() throws Exception {
        List<JsonNode> answers = exchange(INITIALIZE, INITIALIZED, "", "  ", "not json", "{\"foo\":1}", "[1,2]",
                "{\"jsonrpc\":\"2.0\",\"id\":9}", toolCall(2, "search_games", "{\"query\":\"okami\"}"));
        assertThat(answers).filteredOn(a -> a.path("id").isNull()).extracting(a -> a.at("/error/code").asInt())
                .containsExactly(-32700, -32600, -32600);
        assertThat(answers).filteredOn(a -> a.path("id").asInt() == 9).extracting(a -> a.at("/error/code").asInt())
                .containsExactly(-32600);
        assertThat(answers).filteredOn(a -> a.path("id").asInt() == 1).hasSize(1);
        JsonNode search = answers.stream().filter(a -> a.path("id").asInt() == 2).findFirst().orElseThrow();
        assertThat(search.at("/result/isError").asBoolean()).as(search.toString()).isFalse();
        assertThat(search.at("/result/structuredContent/items/0/slug").asText()).isEqualTo("okami");
        assertThat(answers).hasSize(6);
    }

    @Test
    void requestsInFlightWhenInputEndsAreAnsweredBeforeItStops() throws Exception {
        List<JsonNode> answers = exchange(INITIALIZE, INITIALIZED, toolCall(2, "whats_next", "{\"limit\":2}"),
                toolCall(3, "get_game", "{\"slug\":\"okami\"}"));
        assertThat(answers).extracting(a -> a.path("id").asInt()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(answers).allSatisfy(a -> assertThat(a.has("result")).as(a.toString()).isTrue());
    }

    /**
     * Writes {@code lines} to a new {@code questlog mcp}, closes its input at once, and answers
     * every line it wrote to standard output; it must have stopped by itself with exit code 0.
     */
    static List<JsonNode> exchange(String... lines) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "questlog.app.Main", "mcp", "--api", app.baseUrl()));
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("QUESTLOG_TOKEN", "");
        builder.environment().put("QUESTLOG_API_KEY", "");
        Process process = builder.start();
        try {
            var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (var stdin = process.getOutputStream()) {
                stdin.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("stopped when its input ended")
                    .isTrue();
            assertThat(process.exitValue()).isZero();
            List<JsonNode> answers = new ArrayList<>();
            for (String line : stdout.get(10, java.util.concurrent.TimeUnit.SECONDS).split("\n")) {
                if (!line.isBlank()) {
                    answers.add(TestApp.JSON.readTree(line));
                }
            }
            return answers;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void logsGoToStandardErrorOnly() {
        // Anything but protocol on stdout would have broken every call above; stderr is free for logs.
        assertThat(withToken.ping()).isNotNull();
        assertThat(stderr).noneMatch(line -> line.startsWith("{\"jsonrpc\""));
    }
}
