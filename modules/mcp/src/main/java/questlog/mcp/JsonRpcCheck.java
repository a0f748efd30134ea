package questlog.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What every incoming message passes before the SDK sees it, over both transports: one JSON-RPC
 * 2.0 message (an object; no batches), which the SDK can read. Anything else is answered here with
 * a plain JSON-RPC error ({@code -32700} not JSON, {@code -32600} not a JSON-RPC message), never
 * with the SDK's own error, which carries a serialized Java exception on HTTP and stops the stdio
 * transport for good.
 */
final class JsonRpcCheck {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRpcCheck() {}

    /**
     * The outcome for one message: {@code code} 0 when it is fine, else the error to answer.
     * {@code id} is the message's id (a string or a number), or JSON null when it has none.
     * {@code request} is true for a message that expects an answer (it has a method and an id).
     */
    record Result(JsonNode id, int code, String message, boolean request) {
        boolean ok() {
            return code == 0;
        }

        /** The JSON-RPC error answer: {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}}. */
        ObjectNode error() {
            return answer(id, code, message);
        }
    }

    static ObjectNode answer(JsonNode id, int code, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", id);
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    static Result check(String text) {
        JsonNode message;
        try {
            message = text.isBlank() ? null : STRICT.readTree(text);
        } catch (Exception e) {
            message = null;
        }
        if (message == null) {
            return refused(NullNode.instance, PARSE_ERROR, "Parse error: the message is not JSON");
        }
        if (message.isArray()) {
            return refused(NullNode.instance, INVALID_REQUEST,
                    "Invalid Request: batches are not supported, send one JSON-RPC message at a time");
        }
        if (!message.isObject()) {
            return refused(NullNode.instance, INVALID_REQUEST, "Invalid Request: a JSON-RPC message is a JSON object");
        }
        JsonNode id = message.get("id");
        boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
        JsonNode answerId = validId ? id : NullNode.instance;
        if (!"2.0".equals(message.path("jsonrpc").textValue())) {
            return refused(answerId, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        if (id != null && !validId) {
            return refused(answerId, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or a whole number");
        }
        boolean hasMethod = message.has("method");
        if (hasMethod && !message.get("method").isTextual()) {
            return refused(answerId, INVALID_REQUEST, "Invalid Request: \"method\" must be a string");
        }
        if (!hasMethod && (id == null || !(message.has("result") || message.has("error")))) {
            return refused(answerId, INVALID_REQUEST,
                    "Invalid Request: a message needs a \"method\" (or, answering a request, an \"id\" and a \"result\" or \"error\")");
        }
        try {
            McpSchema.deserializeJsonRpcMessage(McpServers.PROTOCOL_JSON, text);
        } catch (Exception e) {
            return refused(answerId, INVALID_REQUEST, "Invalid Request: not a JSON-RPC message this server can read");
        }
        return new Result(answerId, 0, null, hasMethod && id != null);
    }

    private static Result refused(JsonNode id, int code, String message) {
        return new Result(id, code, message, false);
    }
}
