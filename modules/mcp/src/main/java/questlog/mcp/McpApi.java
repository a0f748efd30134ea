package questlog.mcp;

import java.util.List;
import java.util.Map;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiResponse;

/** {@code POST /mcp} as the OpenAPI document shows it. */
final class McpApi {
    private McpApi() {}

    static List<ApiOperation> operations() {
        return ApiOperation.tagged("MCP", List.of(
                ApiOperation.post(McpModule.PATH, "Model Context Protocol (Streamable HTTP)",
                                ApiResponse.ok(Map.class))
                        .withDescription("""
                                The MCP endpoint for AI assistants: one JSON-RPC 2.0 message per POST \
                                (`initialize`, `tools/list`, `tools/call`, `resources/read`, …), answered with \
                                one JSON-RPC response (stateless: no session header, no server-sent stream; \
                                notifications get 202). Send `Accept: application/json, text/event-stream`. \
                                Tools: search_games, get_game, list_playthroughs, get_list, get_stats, \
                                recent_activity, whats_next, and the writes log_playthrough and add_to_list, \
                                which need a token with the write scope (without one the tool answers an \
                                error, `isError: true`). Bad arguments are tool errors too. A body that is not one \
                                JSON-RPC message is a 400 (415 for a Content-Type other than JSON) whose body \
                                is a JSON-RPC error, `{"jsonrpc": "2.0", "id": null, "error": {"code": -32700 \
                                or -32600, "message": …}}`, not a problem. With \
                                QUESTLOG_PRIVATE=true every request needs a token that can read. See the \
                                README's MCP section.""")
                        .withAccess(Access.READ)
                        .withBody(ApiBody.of(Map.class))
                        .withJsonError(400, "Not one JSON-RPC message (or no `text/event-stream` in Accept): a "
                                + "JSON-RPC error object, code -32700 (not JSON) or -32600")
                        .withJsonError(415, "A Content-Type other than JSON: a JSON-RPC error object, code -32600")));
    }
}
