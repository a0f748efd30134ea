package questlog.mcp;

import static questlog.mcp.QuestlogTool.choice;
import static questlog.mcp.QuestlogTool.integer;
import static questlog.mcp.QuestlogTool.props;
import static questlog.mcp.QuestlogTool.schema;
import static questlog.mcp.QuestlogTool.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tools that only read: the library, the journal, a list and the stats, each answer bounded and paged. */
final class ReadTools {
    static final List<String> STATUSES = List.of("planned", "playing", "paused", "completed", "abandoned");
    private static final int MAX_DETAIL_ITEMS = 25;

    private ReadTools() {}

    static List<QuestlogTool> all() {
        return List.of(searchGames(), getGame(), listPlaythroughs(), getList(), getStats());
    }

    static QuestlogTool searchGames() {
        return new QuestlogTool("search_games", "Search the game library", """
                Find games in the owner's library by words of their name (every word must start a word \
                of the title, in any order; accents and case do not matter), optionally narrowed by \
                franchise, genre (slugs), platform (e.g. "switch", "pc") or release year. Answers a page \
                of {slug, name, year, franchise, genres, platforms}; use a game's slug with get_game, \
                log_playthrough or add_to_list. Without a query it lists the whole library by name.""",
                schema(List.of(), props(
                        "query", string("Words of the title, e.g. \"zelda tears\" or \"ff vii\""),
                        "franchise", string("A franchise slug, e.g. \"final-fantasy\""),
                        "genre", string("A genre slug, e.g. \"role-playing-rpg\""),
                        "platform", string("A platform slug, e.g. \"switch\", \"ps5\", \"pc\""),
                        "year", integer("Original release year", 1950, 2200),
                        "limit", integer("Games per page (default 10)", 1, 50),
                        "offset", integer("Games to skip, for the next page (default 0)", 0, 1_000_000))),
                true, (api, args) -> {
                    int limit = args.integer("limit", 1, 50, 10);
                    int offset = args.integer("offset", 0, 1_000_000, 0);
                    Map<String, Object> query = new LinkedHashMap<>();
                    query.put("q", args.text("query"));
                    query.put("franchise", args.text("franchise"));
                    query.put("genre", args.text("genre"));
                    query.put("platform", args.text("platform"));
                    query.put("year", args.integer("year", 1950, 2200, null));
                    query.put("limit", limit);
                    query.put("offset", offset);
                    JsonNode page = api.get(List.of("api", "games"), query);
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    page.path("items").forEach(g -> items.add(Shapes.game(g)));
                    return Shapes.page(items, page.path("total").asLong(), limit, offset);
                });
    }

    static QuestlogTool getGame() {
        return new QuestlogTool("get_game", "One game in detail", """
                Everything about one game of the library, by slug (from search_games): year, franchise, \
                genres, platforms, summary, the game it expands, its editions, every playthrough the \
                owner logged (status, dates, hours, rating, notes) and the lists it is in with its position.""",
                schema(List.of("slug"), props("slug", string("The game's slug, e.g. \"okami\""))),
                true, (api, args) -> {
                    String slug = args.requiredSlug("slug");
                    JsonNode g = ToolArgs.naming("slug", () -> api.get(List.of("api", "games", slug)));
                    ObjectNode out = Shapes.game(g);
                    out.set("summary", Shapes.shortened(g.path("summary"), 2000));
                    out.set("parent_game", Shapes.name(g.path("parent_game")));
                    ArrayNode editions = out.putArray("editions");
                    capped(g.path("editions")).forEach(e -> editions.add(JsonNodeFactory.instance.objectNode()
                            .put("slug", e.path("slug").asText()).put("name", e.path("name").asText())
                            .set("release_date", e.path("release_date"))));
                    out.put("edition_count", g.path("editions").size());
                    ArrayNode playthroughs = out.putArray("playthroughs");
                    capped(g.path("playthroughs")).forEach(p -> playthroughs.add(Shapes.playthrough(p)));
                    out.put("playthrough_count", g.path("playthroughs").size());
                    ArrayNode lists = out.putArray("lists");
                    capped(g.path("lists")).forEach(l -> lists.add(Shapes.listMembership(l)));
                    out.put("list_count", g.path("lists").size());
                    return out;
                });
    }

    private static List<JsonNode> capped(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items.subList(0, Math.min(items.size(), MAX_DETAIL_ITEMS));
    }

    static QuestlogTool listPlaythroughs() {
        return new QuestlogTool("list_playthroughs", "The owner's playthroughs", """
                The owner's playthroughs (one run of a game each), newest completion first, filtered by \
                status (planned, playing, paused, completed, abandoned), year (of completion, or of the \
                start while not completed), platform or game slug. Use it for "what did I finish in \
                2023?", "what am I playing?", "what did I play on Switch?". Answers a page of \
                {id, game, game_name, status, platform, started_at, completed_at, playtime_hours, rating, notes}.""",
                schema(List.of(), props(
                        "status", choice("Only this status", STATUSES),
                        "year", integer("Year of completion (or of the start while not completed)", 1950, 2200),
                        "platform", string("A platform, e.g. \"switch\" (any case)"),
                        "game", string("Only this game's playthroughs (its slug)"),
                        "sort", choice("Order (default -completed_at, newest first)", List.of("-completed_at",
                                "completed_at", "-started_at", "started_at", "-rating", "rating", "-playtime",
                                "playtime")),
                        "limit", integer("Playthroughs per page (default 20)", 1, 100),
                        "offset", integer("Playthroughs to skip, for the next page (default 0)", 0, 1_000_000))),
                true, (api, args) -> {
                    int limit = args.integer("limit", 1, 100, 20);
                    int offset = args.integer("offset", 0, 1_000_000, 0);
                    Map<String, Object> query = new LinkedHashMap<>();
                    query.put("status", args.choice("status", Set.copyOf(STATUSES)));
                    query.put("year", args.integer("year", 1950, 2200, null));
                    query.put("platform", args.text("platform"));
                    String game = args.slug("game");
                    query.put("game", game);
                    query.put("sort", args.text("sort"));
                    query.put("limit", limit);
                    query.put("offset", offset);
                    JsonNode page = api.get(List.of("api", "playthroughs"), query);
                    if (game != null && page.path("total").asLong() == 0) {
                        // The API filters by any slug; a game it does not know is the caller's mistake.
                        ToolArgs.naming("game", () -> api.get(List.of("api", "games", game)));
                    }
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    page.path("items").forEach(p -> items.add(Shapes.playthrough(p)));
                    return Shapes.page(items, page.path("total").asLong(), limit, offset);
                });
    }

    static QuestlogTool getList() {
        return new QuestlogTool("get_list", "One curated list", """
                One of the owner's lists (a ranking such as "Top 25 RPGs", or a plain collection), by \
                slug: its name, description, whether it is ranked, and a page of its entries in order \
                {position, game, game_name, notes}. Private lists need a token that can read.""",
                schema(List.of("slug"), props(
                        "slug", string("The list's slug, e.g. \"top-25\""),
                        "limit", integer("Entries per page (default 50)", 1, 200),
                        "offset", integer("Entries to skip, for the next page (default 0)", 0, 1_000_000))),
                true, (api, args) -> {
                    String slug = args.requiredSlug("slug");
                    int limit = args.integer("limit", 1, 200, 50);
                    int offset = args.integer("offset", 0, 1_000_000, 0);
                    JsonNode list = ToolArgs.naming("slug", () -> api.get(List.of("api", "lists", slug)));
                    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
                    JsonNode all = list.path("entries");
                    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
                        JsonNode e = all.get(i);
                        entries.add(JsonNodeFactory.instance.objectNode().<ObjectNode>set("position", e.path("position"))
                                .put("game", e.path("work_slug").asText()).put("game_name", e.path("work_name").asText())
                                .set("notes", Shapes.shortened(e.path("notes"), Shapes.NOTE_CHARS)));
                    }
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.put("slug", list.path("slug").asText());
                    out.put("name", list.path("name").asText());
                    out.set("description", Shapes.shortened(list.path("description"), 2000));
                    out.set("is_ranked", list.path("is_ranked"));
                    out.set("is_public", list.path("is_public"));
                    out.set("entries", Shapes.page(entries, all.size(), limit, offset));
                    return out;
                });
    }

    static QuestlogTool getStats() {
        return new QuestlogTool("get_stats", "Journal statistics", """
                Statistics of the owner's gaming journal: totals (games, completions, playtime), \
                completions per year and month, playtime per platform, the rating distribution, top \
                genres and franchises, the backlog size and the longest streak of months with a \
                completion. With a year it adds that year's review: completions, hours, mean rating, \
                best-rated games, top genres and platforms, first and last completion.""",
                schema(List.of(), props("year", integer("A year to review, e.g. 2024", 1950, 2200))),
                true, (api, args) -> api.get(List.of("api", "stats"), mapOf("year", args.integer("year", 1950, 2200, null))));
    }

    static Map<String, Object> mapOf(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return map;
    }
}
