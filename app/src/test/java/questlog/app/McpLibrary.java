package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * A small known library for the MCP tests, and what each tool must answer on it, whatever the
 * transport: three Final Fantasy games (IV and VI completed and rated 9 and 10, IX never played),
 * Ōkami paused, Hades unplayed, and the ranked list "Top RPGs".
 */
final class McpLibrary {
    private McpLibrary() {}

    static void seed(TestApp app) {
        ok(app.post("/api/franchises", Map.of("name", "Final Fantasy")));
        ok(app.post("/api/genres", Map.of("name", "Role-playing (RPG)")));
        ok(app.post("/api/genres", Map.of("name", "Adventure")));
        game(app, "Final Fantasy IV", 1991, "final-fantasy", "role-playing-rpg");
        game(app, "Final Fantasy VI", 1994, "final-fantasy", "role-playing-rpg");
        game(app, "Final Fantasy IX", 2000, "final-fantasy", "role-playing-rpg");
        game(app, "Ōkami", 2006, null, "adventure");
        game(app, "Hades", 2020, null, "adventure");
        ok(app.post("/api/games/final-fantasy-iv/playthroughs", Map.of("status", "completed", "platform", "snes",
                "started_at", "2023-01-05", "completed_at", "2023-03-01", "rating", 9, "playtime_hours", 30)));
        ok(app.post("/api/games/final-fantasy-vi/playthroughs", Map.of("status", "completed", "platform", "snes",
                "started_at", "2023-12-01", "completed_at", "2024-01-10", "rating", 10, "playtime_hours", 40,
                "notes", "Kefka!")));
        ok(app.post("/api/games/okami/playthroughs", Map.of("status", "paused", "platform", "switch",
                "started_at", "2024-02-01", "playtime_hours", 10)));
        ok(app.post("/api/lists", Map.of("name", "Top RPGs", "is_ranked", true)));
        ok(app.post("/api/lists/top-rpgs/entries", Map.of("game", "final-fantasy-vi")));
        ok(app.post("/api/lists/top-rpgs/entries", Map.of("game", "final-fantasy-iv", "notes", "The moon!")));
    }

    private static void game(TestApp app, String name, int year, String franchise, String genre) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", name, "original_release_year", year,
                "genres", List.of(genre), "platforms", List.of("snes")));
        if (franchise != null) {
            body.put("franchise", franchise);
        }
        ok(app.post("/api/games", body));
    }

    private static void ok(TestApp.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
    }

    static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(result.isError()).as(tool + " → " + text(result)).isFalse();
        try {
            return TestApp.JSON.readTree(text(result));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    static String toolError(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(result.isError()).as(tool + " should fail: " + text(result)).isTrue();
        return text(result);
    }

    /** Every read tool's answer on the library (the same over both transports). */
    static void checkReadTools(McpSyncClient client) {
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                "search_games", "get_game", "list_playthroughs", "get_list", "get_stats", "recent_activity",
                "whats_next", "log_playthrough", "add_to_list");

        JsonNode search = call(client, "search_games", Map.of("query", "fantasy", "limit", 2));
        assertThat(search.path("total").asInt()).isEqualTo(3);
        assertThat(search.path("items")).hasSize(2);
        assertThat(search.path("next_offset").asInt()).isEqualTo(2);
        assertThat(search.at("/items/0/name").asText()).isEqualTo("Final Fantasy IV");
        assertThat(search.at("/items/0/franchise").asText()).isEqualTo("Final Fantasy");
        assertThat(search.at("/items/0/genres/0").asText()).isEqualTo("Role-playing (RPG)");
        assertThat(call(client, "search_games", Map.of("query", "okami")).at("/items/0/slug").asText()).isEqualTo("okami");

        JsonNode game = call(client, "get_game", Map.of("slug", "final-fantasy-vi"));
        assertThat(game.path("year").asInt()).isEqualTo(1994);
        assertThat(game.at("/playthroughs/0/rating").asInt()).isEqualTo(10);
        assertThat(game.at("/playthroughs/0/notes").asText()).isEqualTo("Kefka!");
        assertThat(game.at("/lists/0/slug").asText()).isEqualTo("top-rpgs");

        JsonNode completed = call(client, "list_playthroughs", Map.of("status", "completed"));
        assertThat(completed.path("total").asInt()).isEqualTo(2);
        assertThat(completed.at("/items/0/game").asText()).as("newest completion first").isEqualTo("final-fantasy-vi");
        JsonNode of2023 = call(client, "list_playthroughs", Map.of("year", 2023));
        assertThat(of2023.path("items")).extracting(p -> p.path("game").asText()).containsExactly("final-fantasy-iv");
        JsonNode onSwitch = call(client, "list_playthroughs", Map.of("platform", "Switch"));
        assertThat(onSwitch.path("items")).extracting(p -> p.path("game").asText()).containsExactly("okami");

        JsonNode list = call(client, "get_list", Map.of("slug", "top-rpgs", "limit", 1, "offset", 1));
        assertThat(list.path("is_ranked").asBoolean()).isTrue();
        assertThat(list.at("/entries/total").asInt()).isEqualTo(2);
        assertThat(list.at("/entries/items/0/position").asInt()).isEqualTo(2);
        assertThat(list.at("/entries/items/0/game").asText()).isEqualTo("final-fantasy-iv");
        assertThat(list.at("/entries/items/0/notes").asText()).isEqualTo("The moon!");

        JsonNode stats = call(client, "get_stats", Map.of("year", 2024));
        assertThat(stats.toString()).contains("final-fantasy-vi");

        JsonNode next = call(client, "whats_next", Map.of("limit", 3));
        assertThat(next.at("/suggestions/0/slug").asText()).isEqualTo("final-fantasy-ix");
        assertThat(next.at("/suggestions/0/reasons").toString()).contains(
                "next in the series after Final Fantasy VI (1994)", "Final Fantasy series highly: 9.5/10 over 2",
                "Role-playing (RPG) games highly", "about 35 h");
        assertThat(next.at("/suggestions/1/slug").asText()).isEqualTo("okami");
        assertThat(next.at("/suggestions/1/reasons/0").asText()).contains("paused", "10.0 h in");
        assertThat(next.path("suggestions")).extracting(s -> s.path("slug").asText())
                .doesNotContain("final-fantasy-iv", "final-fantasy-vi");

        JsonNode recent = call(client, "recent_activity", Map.of("limit", 4));
        assertThat(recent.path("items")).hasSize(4);
        assertThat(recent.at("/items/0/summary").asText()).isEqualTo("List top-rpgs: added final-fantasy-iv");
        assertThat(recent.at("/items/3/summary").asText()).startsWith("Logged a paused playthrough of Ōkami");
        assertThat(recent.at("/items/0/id").asLong()).isGreaterThan(recent.at("/items/1/id").asLong());

        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("questlog://games/{slug}", "questlog://lists/{slug}");
        var resource = client.readResource(new McpSchema.ReadResourceRequest("questlog://games/okami"));
        assertThat(((McpSchema.TextResourceContents) resource.contents().getFirst()).text()).contains("\"Ōkami\"");
        var lists = client.readResource(new McpSchema.ReadResourceRequest("questlog://lists"));
        assertThat(((McpSchema.TextResourceContents) lists.contents().getFirst()).text()).contains("questlog://lists/top-rpgs");
    }

    /** Bad arguments are tool errors that say what to change, not protocol failures. */
    static void checkBadArguments(McpSyncClient client) {
        assertThat(toolError(client, "get_game", Map.of())).contains("'slug'", "required");
        assertThat(toolError(client, "search_games", Map.of("limit", "ten"))).contains("limit");
        assertThat(toolError(client, "search_games", Map.of("limit", 500))).contains("limit");
        assertThat(toolError(client, "list_playthroughs", Map.of("status", "finished"))).contains("status");
        assertThat(toolError(client, "get_game", Map.of("slug", "no-such-game"))).contains("404");
        assertThat(toolError(client, "search_games", Map.of("colour", "red"))).contains("colour");
        assertThat(toolError(client, "log_playthrough", Map.of("game", "hades", "completed_at", "yesterday")))
                .contains("completed_at");
        String completedAt = toolError(client, "log_playthrough", Map.of("game", "hades", "status", "completed"));
        assertThat(completedAt).contains("completed_at");
        assertThat(completedAt.split("completed_at:", -1)).as("said once: " + completedAt).hasSize(2);
        assertThat(toolError(client, "list_playthroughs", Map.of("game", "nope"))).contains("Bad argument 'game'", "404");
        assertThat(call(client, "list_playthroughs", Map.of("game", "hades")).path("total").asInt())
                .as("a known game without playthroughs is an empty page").isZero();
        assertThat(client.ping()).isNotNull();
    }

    /** Slugs stay slugs: none can reach another route of the API through the URL the tool builds. */
    static void checkSlugsCannotLeaveTheirPlace(McpSyncClient client) {
        assertThat(toolError(client, "get_game", Map.of("slug", "../lists"))).startsWith("Bad argument 'slug': ");
        assertThat(toolError(client, "get_game", Map.of("slug", "hades/../../lists/secret")))
                .startsWith("Bad argument 'slug': ");
        assertThat(toolError(client, "get_list", Map.of("slug", "../games/hades"))).startsWith("Bad argument 'slug': ");
        assertThat(toolError(client, "log_playthrough", Map.of("game", "../lists/top-rpgs/entries")))
                .startsWith("Bad argument 'game': ");
        assertThat(toolError(client, "add_to_list", Map.of("list", "../games/hades", "game", "okami")))
                .startsWith("Bad argument 'list': ");
        assertThat(toolError(client, "add_to_list", Map.of("list", "top-rpgs", "game", "Okami")))
                .startsWith("Bad argument 'game': ");
        assertThat(toolError(client, "list_playthroughs", Map.of("game", "../x"))).startsWith("Bad argument 'game': ");
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("questlog://games/..")))
                .isInstanceOf(RuntimeException.class);
    }
}
