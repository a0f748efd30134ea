package questlog.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * {@code questlog mcp --api URL --token T}: the MCP server over stdio for desktop AI clients,
 * a client of a Questlog server's HTTP API. Standard output carries only protocol messages (logs
 * go to standard error); it serves until its standard input ends, which is how a client stops it.
 * Every input line is checked before the SDK sees it ({@link StdioLines}): a blank line is
 * skipped, a bad one answered with a JSON-RPC error, and the lines after it are still served.
 */
public final class McpStdio {
    /** How long the end of input waits for the answers of the requests still in flight. */
    static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);

    private McpStdio() {}

    /**
     * Serves until {@code in} ends and the requests read by then are answered (for at most
     * {@link #IN_FLIGHT_WAIT}). {@code token} may be null (reads only, when the server allows them).
     */
    public static void serve(String apiUrl, String token, ObjectMapper json, String version, InputStream in,
                             OutputStream out) throws InterruptedException {
        QuestlogApi api = new QuestlogApi(apiUrl, token == null ? null : "Bearer " + token, json);
        StdioLines lines = new StdioLines(in, out);
        McpSyncServer server = McpServers.session(
                new StdioServerTransportProvider(McpServers.PROTOCOL_JSON, lines.input(), lines.output()), version, api);
        try {
            lines.pump();
            lines.awaitAnswers(IN_FLIGHT_WAIT);
        } finally {
            lines.end();
            server.closeGracefully();
        }
    }
}
