package questlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API's answers cut down to what a model needs, so that every tool answer stays small:
 * names and slugs rather than ids and timestamps, long text shortened, lists capped.
 */
final class Shapes {
    static final int NOTE_CHARS = 500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Shapes() {}

    static ObjectNode game(JsonNode g) {
        ObjectNode out = NODES.objectNode();
        out.put("slug", g.path("slug").asText());
        out.put("name", g.path("name").asText());
        out.set("year", g.path("original_release_year"));
        out.set("franchise", name(g.path("franchise")));
        ArrayNode genres = out.putArray("genres");
        g.path("genres").forEach(genre -> genres.add(genre.path("name").asText()));
        out.set("platforms", g.path("platforms").isMissingNode() ? NODES.arrayNode() : g.path("platforms"));
        return out;
    }

    static ObjectNode playthrough(JsonNode p) {
        ObjectNode out = NODES.objectNode();
        out.put("id", p.path("id").asText());
        out.put("game", p.at("/game/slug").asText());
        out.put("game_name", p.at("/game/name").asText());
        out.set("edition", name(p.path("edition")));
        out.set("status", p.path("status"));
        out.set("platform", p.path("platform"));
        out.set("started_at", p.path("started_at"));
        out.set("completed_at", p.path("completed_at"));
        out.set("playtime_hours", p.path("playtime_hours"));
        out.set("rating", p.path("rating"));
        out.set("completion", p.path("completion"));
        out.set("notes", shortened(p.path("notes"), NOTE_CHARS));
        return out;
    }

    /** A list a game is in, from the game's detail, its notes shortened. */
    static ObjectNode listMembership(JsonNode l) {
        ObjectNode out = l.isObject() ? ((ObjectNode) l).deepCopy() : NODES.objectNode();
        out.set("notes", shortened(l.path("notes"), NOTE_CHARS));
        return out;
    }

    /** The {@code name} of a reference object, or null. */
    static JsonNode name(JsonNode ref) {
        return ref.isObject() ? NODES.textNode(ref.path("name").asText()) : NODES.nullNode();
    }

    static JsonNode shortened(JsonNode text, int max) {
        if (!text.isTextual() || text.asText().length() <= max) {
            return text.isMissingNode() ? NODES.nullNode() : text;
        }
        return NODES.textNode(text.asText().substring(0, max) + "…");
    }

    /** The paging members every listing tool answers with. */
    static ObjectNode page(ArrayNode items, long total, int limit, int offset) {
        ObjectNode out = NODES.objectNode();
        out.set("items", items);
        out.put("total", total);
        out.put("limit", limit);
        out.put("offset", offset);
        if (offset + items.size() < total) {
            out.put("next_offset", offset + items.size());
        } else {
            out.putNull("next_offset");
        }
        return out;
    }
}
