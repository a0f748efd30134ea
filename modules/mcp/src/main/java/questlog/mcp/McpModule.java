package questlog.mcp;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletRequestUtils;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.FeatureModule;

/**
 * The MCP bridge inside the server: Streamable HTTP at {@code /mcp}, on the SDK's stateless
 * servlet transport called from a Javalin route, so the request goes through the app's pipeline
 * first (request id, log, metrics, and the access check: the route is a read, so with
 * {@code QUESTLOG_PRIVATE=true} it needs a token that can read). The tools call this server's own
 * HTTP API on the address the request came in on, with the caller's {@code Authorization}: a
 * write tool without a write token is refused by the API and reported as a tool error.
 */
public final class McpModule implements FeatureModule {
    public static final String PATH = "/mcp";
    private static final String API = "questlog.api";
    private static final Logger log = LoggerFactory.getLogger(McpModule.class);

    private final ObjectMapper json;
    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;

    public McpModule(ObjectMapper json, String version) {
        this.json = json;
        this.transport = HttpServletStatelessServerTransport.builder().jsonMapper(McpServers.PROTOCOL_JSON)
                .messageEndpoint(PATH)
                .contextExtractor(request -> McpTransportContext.create(Map.of(API, ownApi(request))))
                .build();
        this.server = McpServers.stateless(transport, version, context -> (QuestlogApi) context.get(API));
    }

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public EndpointGroup rootRoutes() {
        return () -> post(PATH, this::handle, Access.READ);
    }

    @Override
    public List<ApiOperation> operations() {
        return McpApi.operations();
    }

    /**
     * One POST: the headers and the message are checked here, and whatever is wrong is answered
     * as a plain JSON-RPC error (the SDK's own error answers carry a serialized Java exception);
     * a good message goes to the SDK, whose error answers are replaced the same way.
     */
    private void handle(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        JsonRpcCheck.Result message = JsonRpcCheck.check(new String(body, StandardCharsets.UTF_8));
        String contentType = ctx.header("Content-Type");
        String accept = Objects.requireNonNullElse(ctx.header("Accept"), "");
        if (contentType == null || !HttpServletRequestUtils.isJsonContentType(contentType)) {
            refuse(ctx, 415, JsonRpcCheck.answer(message.id(), JsonRpcCheck.INVALID_REQUEST,
                    "Unsupported Media Type: the Content-Type must be application/json"));
        } else if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
            refuse(ctx, 400, JsonRpcCheck.answer(message.id(), JsonRpcCheck.INVALID_REQUEST,
                    "Not Acceptable: the Accept header must list both application/json and text/event-stream"));
        } else if (!message.ok()) {
            refuse(ctx, 400, message.error());
        } else {
            Guarded response = new Guarded(ctx.res());
            transport.service(replaying(ctx.req(), body), response);
            if (response.failed >= 500) {
                log.warn("MCP request failed on the server ({})", response.failed);
                refuse(ctx, response.failed, JsonRpcCheck.answer(message.id(), JsonRpcCheck.INTERNAL_ERROR,
                        response.failed == 503 ? "The server is shutting down" : "Internal error"));
            } else if (response.failed != 0) {
                refuse(ctx, response.failed, JsonRpcCheck.answer(message.id(), JsonRpcCheck.INVALID_REQUEST,
                        response.failed == 413 ? "The message is too large" : "Invalid Request"));
            }
        }
    }

    private void refuse(Context ctx, int status, ObjectNode error) throws Exception {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(error));
    }

    /** The request with its body, already read for the check, to be read again by the SDK. */
    private static HttpServletRequest replaying(HttpServletRequest request, byte[] body) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                ByteArrayInputStream bytes = new ByteArrayInputStream(body);
                return new ServletInputStream() {
                    @Override
                    public boolean isFinished() {
                        return bytes.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        // The whole body is here already: available at once, then all read.
                        try {
                            listener.onDataAvailable();
                            listener.onAllDataRead();
                        } catch (IOException e) {
                            listener.onError(e);
                        }
                    }

                    @Override
                    public int read() {
                        return bytes.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        return bytes.read(b, off, len);
                    }
                };
            }
        };
    }

    /** The SDK's answer, but an error status and its body are kept back for {@link #handle} to answer. */
    private static final class Guarded extends HttpServletResponseWrapper {
        int failed;

        Guarded(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            if (status >= 400) {
                failed = status;
            } else {
                super.setStatus(status);
            }
        }

        @Override
        public void sendError(int status) {
            failed = status;
        }

        @Override
        public void sendError(int status, String message) {
            failed = status;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return failed != 0 ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (failed == 0) {
                return super.getOutputStream();
            }
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // Nothing is written anywhere: every write is possible at once.
                    try {
                        listener.onWritePossible();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public void write(int b) {}
            };
        }
    }

    /** This server's API, reached on the very address and port the MCP request arrived at. */
    private QuestlogApi ownApi(HttpServletRequest request) {
        String address = request.getLocalAddr();
        String host = address.contains(":") ? "[" + address + "]" : address;
        return new QuestlogApi("http://" + host + ":" + request.getLocalPort(), request.getHeader("Authorization"), json);
    }

    @Override
    public void close() {
        server.close();
    }
}
