package questlog.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP tool, independent of the transport: its name, what a model reads to choose it, its
 * arguments' JSON schema, and what it does with the API and the checked arguments. The result
 * is any JSON-shaped value; {@link McpServers} turns it into the tool's answer.
 */
record QuestlogTool(String name, String title, String description, Map<String, Object> inputSchema,
                    boolean readOnly, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object call(QuestlogApi api, ToolArgs args);
    }

    /** The names of the arguments the schema declares. */
    java.util.Set<String> argumentNames() {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) inputSchema.get("properties");
        return properties.keySet();
    }

    /** A JSON schema of an object with these properties ({@link #prop} pairs), of which {@code required} must be there. */
    static Map<String, Object> schema(List<String> required, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> choice(String description, List<String> values) {
        return Map.of("type", "string", "enum", values, "description", description);
    }

    static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "minimum", min, "maximum", max, "description", description);
    }

    static Map<String, Object> number(String description, double min, double max) {
        return Map.of("type", "number", "minimum", min, "maximum", max, "description", description);
    }

    static Map<String, Object> date(String description) {
        return Map.of("type", "string", "format", "date", "description", description + " (YYYY-MM-DD)");
    }

    /** Ordered properties: name, schema, name, schema, … */
    static Map<String, Object> props(Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}
