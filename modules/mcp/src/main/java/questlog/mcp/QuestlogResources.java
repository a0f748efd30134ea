package questlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources: {@code questlog://lists} (every list: slug, name, size) and the templates
 * {@code questlog://games/{slug}} and {@code questlog://lists/{slug}}, whose contents are what
 * {@code get_game} and {@code get_list} answer (a list's first 200 entries), as JSON.
 */
final class QuestlogResources {
    static final String LISTS = "questlog://lists";
    static final String GAME_TEMPLATE = "questlog://games/{slug}";
    static final String LIST_TEMPLATE = "questlog://lists/{slug}";
    private static final Pattern GAME = Pattern.compile("questlog://games/([^/?#]+)");
    private static final Pattern LIST = Pattern.compile("questlog://lists/([^/?#]+)");
    private static final ObjectMapper TEXT = new ObjectMapper();

    private QuestlogResources() {}

    static McpSchema.Resource listsResource() {
        return McpSchema.Resource.builder().uri(LISTS).name("lists").title("Every list")
                .description("The owner's lists: slug, name, whether ranked, number of entries.")
                .mimeType("application/json").build();
    }

    static List<McpSchema.ResourceTemplate> templates() {
        return List.of(
                McpSchema.ResourceTemplate.builder().uriTemplate(GAME_TEMPLATE).name("game").title("A game")
                        .description("One game of the library with its playthroughs and lists, by slug.")
                        .mimeType("application/json").build(),
                McpSchema.ResourceTemplate.builder().uriTemplate(LIST_TEMPLATE).name("list").title("A list")
                        .description("One list with its entries in order, by slug.")
                        .mimeType("application/json").build());
    }

    /** Reads any of the resources above. */
    static McpSchema.ReadResourceResult read(QuestlogApi api, String uri) {
        try {
            JsonNode content;
            Matcher game = GAME.matcher(uri);
            Matcher list = LIST.matcher(uri);
            if (uri.equals(LISTS)) {
                ArrayNode lists = JsonNodeFactory.instance.arrayNode();
                api.get(List.of("api", "lists")).forEach(l -> lists.add(JsonNodeFactory.instance.objectNode()
                        .put("slug", l.path("slug").asText()).put("name", l.path("name").asText())
                        .put("is_ranked", l.path("is_ranked").asBoolean())
                        .put("entry_count", l.path("entry_count").asInt())
                        .put("uri", "questlog://lists/" + l.path("slug").asText())));
                content = lists;
            } else if (game.matches()) {
                content = (JsonNode) ReadTools.getGame().handler().call(api, args(Map.of("slug", game.group(1))));
            } else if (list.matches()) {
                content = (JsonNode) ReadTools.getList().handler().call(api,
                        args(Map.of("slug", list.group(1), "limit", 200)));
            } else {
                throw McpError.RESOURCE_NOT_FOUND.apply(uri);
            }
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "application/json",
                    TEXT.writerWithDefaultPrettyPrinter().writeValueAsString(content))));
        } catch (ToolArgs.UnknownArgumentException e) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        } catch (ToolArgs.BadArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        } catch (ApiException e) {
            throw e.status() == 404 ? McpError.RESOURCE_NOT_FOUND.apply(uri)
                    : McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(e.getMessage()).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ToolArgs args(Map<String, Object> values) {
        return new ToolArgs(values, values.keySet());
    }
}
