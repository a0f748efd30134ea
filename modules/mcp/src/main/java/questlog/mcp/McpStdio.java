package questlog.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code questlog mcp --api URL --token T}: the MCP server over stdio for desktop AI clients,
 * a client of a Questlog server's HTTP API. Standard output carries only protocol messages (logs
 * go to standard error); it serves until its standard input ends, which is how a client stops it.
 */
public final class McpStdio {
    private McpStdio() {}

    /** Serves until {@code in} ends. {@code token} may be null (reads only, when the server allows them). */
    public static void serve(String apiUrl, String token, ObjectMapper json, String version, InputStream in,
                             OutputStream out) throws InterruptedException {
        QuestlogApi api = new QuestlogApi(apiUrl, token == null ? null : "Bearer " + token, json);
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int result) {
                if (result < 0) {
                    ended.countDown();
                }
                return result;
            }
        };
        McpSyncServer server = McpServers.session(new StdioServerTransportProvider(McpServers.PROTOCOL_JSON, watched, out),
                version, api);
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }
}
