package questlog.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the MCP server of both transports from the same tools and resources: a stateless one for
 * Streamable HTTP (each POST is answered on its own, so any instance can answer any request and
 * the app's request pipeline, auth included, applies), and a session one for stdio. A tool's
 * result is its JSON, as text and as structured content; a bad argument or a refusal of the API
 * is a tool error whose text says what to change.
 */
final class McpServers {
    static final String NAME = "questlog";
    static final String INSTRUCTIONS = """
            Questlog is one person's gaming journal: the games they own, every playthrough they logged \
            (status, dates, hours, rating), their curated lists and their stats. Find games with \
            search_games and use their slugs with the other tools. Answers are paged: ask for the next \
            page with offset = next_offset.""";
    private static final Logger log = LoggerFactory.getLogger(McpServers.class);
    /** The SDK's own mapper for protocol messages (camelCase, lenient), not the API's snake_case one. */
    static final JacksonMcpJsonMapper PROTOCOL_JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    private static final ObjectMapper TEXT = new ObjectMapper();

    private McpServers() {}

    static List<QuestlogTool> tools() {
        List<QuestlogTool> tools = new ArrayList<>(ReadTools.all());
        tools.add(RecentActivity.tool());
        tools.add(WhatsNext.tool());
        tools.addAll(WriteTools.all());
        return tools;
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build();
    }

    /** The Streamable HTTP server; {@code apiOf} finds the caller's API in the request's transport context. */
    static McpStatelessSyncServer stateless(McpStatelessServerTransport transport, String version,
                                            Function<McpTransportContext, QuestlogApi> apiOf) {
        var spec = McpServer.sync(transport).serverInfo(NAME, version).instructions(INSTRUCTIONS)
                .jsonMapper(PROTOCOL_JSON).jsonSchemaValidator(new SchemaValidator()).capabilities(capabilities());
        for (QuestlogTool tool : tools()) {
            spec.tools(new McpStatelessServerFeatures.SyncToolSpecification(definition(tool),
                    (context, request) -> call(tool, apiOf.apply(context), request)));
        }
        spec.resources(new McpStatelessServerFeatures.SyncResourceSpecification(QuestlogResources.listsResource(),
                (context, request) -> QuestlogResources.read(apiOf.apply(context), request.uri())));
        for (McpSchema.ResourceTemplate template : QuestlogResources.templates()) {
            spec.resourceTemplates(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(template,
                    (context, request) -> QuestlogResources.read(apiOf.apply(context), request.uri())));
        }
        return spec.build();
    }

    /** The stdio server (one session, one API with the token given on the command line). */
    static McpSyncServer session(McpServerTransportProvider transport, String version, QuestlogApi api) {
        var spec = McpServer.sync(transport).serverInfo(NAME, version).instructions(INSTRUCTIONS)
                .jsonMapper(PROTOCOL_JSON).jsonSchemaValidator(new SchemaValidator()).capabilities(capabilities());
        for (QuestlogTool tool : tools()) {
            spec.tools(new McpServerFeatures.SyncToolSpecification(definition(tool),
                    (exchange, request) -> call(tool, api, request)));
        }
        spec.resources(new McpServerFeatures.SyncResourceSpecification(QuestlogResources.listsResource(),
                (exchange, request) -> QuestlogResources.read(api, request.uri())));
        for (McpSchema.ResourceTemplate template : QuestlogResources.templates()) {
            spec.resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(template,
                    (exchange, request) -> QuestlogResources.read(api, request.uri())));
        }
        return spec.build();
    }

    static McpSchema.Tool definition(QuestlogTool tool) {
        return McpSchema.Tool.builder().name(tool.name()).title(tool.title()).description(tool.description())
                .inputSchema(tool.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(tool.title(), tool.readOnly(), false, tool.readOnly(),
                        false, null))
                .build();
    }

    static McpSchema.CallToolResult call(QuestlogTool tool, QuestlogApi api, McpSchema.CallToolRequest request) {
        try {
            Object result = tool.handler().call(api, new ToolArgs(request.arguments(), tool.argumentNames()));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = TEXT.convertValue(result, Map.class);
            return McpSchema.CallToolResult.builder()
                    .addTextContent(TEXT.writerWithDefaultPrettyPrinter().writeValueAsString(result))
                    .structuredContent(structured).isError(false).build();
        } catch (ToolArgs.BadArgumentException | ApiException e) {
            return error(e.getMessage());
        } catch (Exception e) {
            log.warn("MCP tool {} failed", tool.name(), e);
            return error("The tool failed on the server: " + e.getClass().getSimpleName());
        }
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
