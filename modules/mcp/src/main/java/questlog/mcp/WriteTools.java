package questlog.mcp;

import static questlog.mcp.QuestlogTool.choice;
import static questlog.mcp.QuestlogTool.date;
import static questlog.mcp.QuestlogTool.integer;
import static questlog.mcp.QuestlogTool.number;
import static questlog.mcp.QuestlogTool.props;
import static questlog.mcp.QuestlogTool.schema;
import static questlog.mcp.QuestlogTool.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools that write, through the API's own write routes: they need a token with the write
 * scope (the API answers 401/403 otherwise, which the tool reports as an error), and the API
 * checks every value as it would for any client.
 */
final class WriteTools {
    private WriteTools() {}

    static List<QuestlogTool> all() {
        return List.of(logPlaythrough(), addToList());
    }

    static QuestlogTool logPlaythrough() {
        return new QuestlogTool("log_playthrough", "Log a playthrough", """
                Records one run of a game in the owner's journal: that they finished it, started it, \
                paused it, gave up on it or plan to play it. The game is a slug from search_games. \
                Without a status, a run with completed_at is completed, one with started_at is playing, \
                else planned; completed needs completed_at. A replay is simply another playthrough. \
                Needs a token with the write scope. Answers the playthrough as stored.""",
                schema(List.of("game"), props(
                        "game", string("The game's slug, e.g. \"okami\""),
                        "status", choice("The run's state", ReadTools.STATUSES),
                        "platform", string("Where it was played, e.g. \"switch\", \"pc\""),
                        "started_at", date("When it started"),
                        "completed_at", date("When it was finished (needed for completed)"),
                        "rating", integer("The owner's rating, 1 to 10", 1, 10),
                        "playtime_hours", number("Hours played (decimals allowed)", 0, 100_000),
                        "completion", choice("How far: the story, everything, or other", List.of("story", "100%", "other")),
                        "notes", string("Free notes, e.g. \"NG+, the DS remake\""))),
                false, (api, args) -> {
                    String game = args.requiredSlug("game");
                    Map<String, Object> body = new LinkedHashMap<>();
                    put(body, "status", args.choice("status", Set.copyOf(ReadTools.STATUSES)));
                    put(body, "platform", args.text("platform"));
                    put(body, "started_at", iso(args.date("started_at")));
                    put(body, "completed_at", iso(args.date("completed_at")));
                    put(body, "rating", args.integer("rating", 1, 10, null));
                    put(body, "playtime_hours", args.decimal("playtime_hours", 0, 100_000));
                    put(body, "completion", args.choice("completion", Set.of("story", "100%", "other")));
                    put(body, "notes", args.text("notes"));
                    JsonNode created = ToolArgs.naming("game",
                            () -> api.post(List.of("api", "games", game, "playthroughs"), body));
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.put("logged", true);
                    out.set("playthrough", Shapes.playthrough(created));
                    return out;
                });
    }

    static QuestlogTool addToList() {
        return new QuestlogTool("add_to_list", "Add a game to a list", """
                Adds a game (slug from search_games) to one of the owner's lists (slug, see the \
                resources or get_list). In a ranked list a position puts it there and moves the later \
                entries down (default: at the end). A game already in the list is an error. Needs a \
                token with the write scope. Answers the new entry.""",
                schema(List.of("list", "game"), props(
                        "list", string("The list's slug, e.g. \"top-25\""),
                        "game", string("The game's slug, e.g. \"okami\""),
                        "position", integer("1-based rank in a ranked list (default: the end)", 1, 100_000),
                        "notes", string("Why it is there, shown with the entry"))),
                false, (api, args) -> {
                    String list = args.requiredSlug("list");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("game", args.requiredSlug("game"));
                    put(body, "position", args.integer("position", 1, 100_000, null));
                    put(body, "notes", args.text("notes"));
                    JsonNode entry = api.post(List.of("api", "lists", list, "entries"), body);
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.put("added", true);
                    out.put("list", list);
                    out.put("game", entry.path("work_slug").asText());
                    out.set("position", entry.path("position"));
                    out.set("notes", entry.path("notes"));
                    return out;
                });
    }

    private static void put(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
