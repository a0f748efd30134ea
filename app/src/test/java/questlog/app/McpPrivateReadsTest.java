package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With QUESTLOG_PRIVATE=true, /mcp needs a token that can read, as every read does. */
class McpPrivateReadsTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_PRIVATE", "true"));

    @Test
    void anAnonymousCallIsRefusedAndAReaderIsServed() {
        var refused = app.send("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");

        assertThat(app.post("/api/games", Map.of("name", "Okami")).status()).isEqualTo(201);
        String reader = app.deps().tokens().create("mcp-private-reader", List.of("read")).secret();
        McpSyncClient client = McpHttpTest.client(app, reader);
        try {
            assertThat(McpLibrary.call(client, "search_games", Map.of("query", "okami")).at("/items/0/slug").asText())
                    .isEqualTo("okami");
        } finally {
            client.close();
        }
    }
}
