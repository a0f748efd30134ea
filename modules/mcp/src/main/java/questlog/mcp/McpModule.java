package questlog.mcp;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
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

    private void handle(Context ctx) throws Exception {
        transport.service(ctx.req(), ctx.res());
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
