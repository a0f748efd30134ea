package questlog.mcp;

import static questlog.mcp.QuestlogTool.integer;
import static questlog.mcp.QuestlogTool.props;
import static questlog.mcp.QuestlogTool.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code recent_activity}: the latest changes of the journal, the lists and the library, newest
 * first, each with a one-line summary. It reads the event log ({@code GET /api/events}), which
 * pages oldest first from an id: the log's end comes from asking past it (the answer's
 * {@code reset.latest_id}), then windows before the end are read, widening until enough events
 * are found. Job progress is left out: it is not something the owner did.
 */
final class RecentActivity {
    // The types as the API names them: this module reads the event log as any client does and records no event.
    private static final String PLAYTHROUGH_ADDED = "questlog:playthrough_added";
    private static final String PLAYTHROUGH_STARTED = "questlog:playthrough_started";
    private static final String PLAYTHROUGH_COMPLETE = "questlog:playthrough_complete";
    private static final String PLAYTHROUGH_UPDATED = "questlog:playthrough_updated";
    private static final String LIST_UPDATED = "questlog:list_updated";
    private static final String GAME_ADDED = "questlog:game_added";
    private static final String GAME_UPDATED = "questlog:game_updated";
    private static final String GAME_REMOVED = "questlog:game_removed";
    private static final List<String> EVENTS = List.of("api", "events");
    static final List<String> TYPES = List.of(PLAYTHROUGH_ADDED, PLAYTHROUGH_STARTED, PLAYTHROUGH_COMPLETE,
            PLAYTHROUGH_UPDATED, LIST_UPDATED, GAME_ADDED, GAME_UPDATED, GAME_REMOVED);

    private RecentActivity() {}

    static QuestlogTool tool() {
        return new QuestlogTool("recent_activity", "What changed lately", """
                The latest things the owner did, newest first: games started, completed (with rating and \
                hours) or logged, list changes (added, removed, reordered) and games added to or changed \
                in the library. Each item has a one-line summary, its type, time and details. Use it for \
                "what have I been playing lately?" or "what did I change today?".""",
                schema(List.of(), props("limit", integer("How many items (default 20)", 1, 100))),
                true, (api, args) -> {
                    int limit = args.integer("limit", 1, 100, 20);
                    List<JsonNode> latest = latest(api, limit);
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    latest.forEach(e -> items.add(JsonNodeFactory.instance.objectNode()
                            .put("summary", summary(e)).put("type", e.path("type").asText().substring(9))
                            .put("id", e.path("id").asLong()).put("timestamp", e.path("timestamp").asText())
                            .set("details", e.path("payload"))));
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.set("items", items);
                    return out;
                });
    }

    /** The {@code limit} latest events of {@link #TYPES}, newest first. */
    static List<JsonNode> latest(QuestlogApi api, int limit) {
        String types = String.join(",", TYPES);
        JsonNode probe = api.get(EVENTS, Map.of("since", Long.MAX_VALUE / 2, "limit", 1));
        long end = probe.at("/reset/latest_id").asLong(0);
        long window = Math.max(limit * 4L, 200);
        while (true) {
            long since = Math.max(0, end - window);
            List<JsonNode> found = new ArrayList<>();
            Map<String, Object> query = new LinkedHashMap<>(Map.of("since", since, "limit", 5000, "types", types));
            JsonNode page = api.get(EVENTS, query);
            page.path("items").forEach(found::add);
            // A window wider than one page: keep only its newest part by walking on to its end.
            while (!page.path("next").isNull() && !page.path("items").isEmpty()) {
                query.put("since", found.getLast().path("id").asLong());
                page = api.get(EVENTS, query);
                page.path("items").forEach(found::add);
                if (found.size() > limit) {
                    found = new ArrayList<>(found.subList(found.size() - limit, found.size()));
                }
            }
            if (found.size() >= limit || since == 0) {
                List<JsonNode> newest = new ArrayList<>(found.subList(Math.max(0, found.size() - limit), found.size()));
                return newest.reversed();
            }
            window *= 4;
        }
    }

    static String summary(JsonNode event) {
        JsonNode p = event.path("payload");
        String work = p.path("work").asText(p.path("game").asText("?"));
        return switch (event.path("type").asText()) {
            case PLAYTHROUGH_COMPLETE -> "Completed " + work + details(p);
            case PLAYTHROUGH_STARTED -> "Started playing " + work + on(p);
            case PLAYTHROUGH_ADDED -> "Logged a " + p.path("status").asText("planned") + " playthrough of "
                    + work + on(p);
            case PLAYTHROUGH_UPDATED -> p.path("deleted").asBoolean()
                    ? "Deleted a playthrough of " + work : "Updated the playthrough of " + work
                    + " (" + p.path("status").asText() + ")";
            case LIST_UPDATED -> "List " + p.path("list").asText() + ": " + p.path("verb").asText()
                    + (p.path("entries").isEmpty() ? "" : " " + join(p.path("entries")));
            case GAME_ADDED -> "Added " + work + " to the library";
            case GAME_UPDATED -> "Changed " + work + " in the library";
            case GAME_REMOVED -> "Removed " + work + " from the library";
            default -> event.path("type").asText();
        };
    }

    private static String on(JsonNode p) {
        return p.path("platform").isTextual() ? " on " + p.path("platform").asText() : "";
    }

    private static String details(JsonNode p) {
        List<String> parts = new ArrayList<>();
        if (p.path("rating").isNumber()) {
            parts.add("rated " + p.path("rating").asInt() + "/10");
        }
        if (p.path("playtime_hours").isNumber()) {
            parts.add(p.path("playtime_hours").asText() + " h");
        }
        if (p.path("platform").isTextual()) {
            parts.add("on " + p.path("platform").asText());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String join(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }
}
