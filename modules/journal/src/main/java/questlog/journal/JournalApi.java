package questlog.journal;

import java.util.List;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The journal's routes as the OpenAPI document describes them, in the order of {@link JournalModule#routes()}. */
final class JournalApi {
    private JournalApi() {}

    private static final String PLAYTIME = """
            `playtime_minutes` is the playtime given for the playthrough, or else the sum of its sessions \
            (null when neither exists); `playtime_hours` is the same in hours with one decimal.""";

    private static final String RULES = """
            Rules, each a 422 naming the field: `completed_at` not before `started_at`; `rating` 1 to 10; \
            status `completed` needs `completed_at`; `edition` must be an edition (slug) of the same game. \
            Playtime is given as `playtime_minutes` or `playtime_hours` (decimals allowed, coming to a whole \
            number of minutes), not both. \
            Empty texts are stored as null. `platform` takes any spelling of a platform and is stored as its one \
            key: the answer shows the display name in `platform` and the key in `platform_key` ("PS4" and \
            "ps4" are both `ps4`, "PlayStation 4"); an unknown platform is kept under a key made of its words.""";

    static List<ApiOperation> operations() {
        ApiParam status = ApiParam.query("status", PlaythroughStatus.class, "Only playthroughs with this status");
        ApiParam platform = ApiParam.query("platform", String.class,
                "Only this platform, by key or any spelling of its name (`ps4`, `PS4`, `PlayStation 4`)");
        ApiParam year = ApiParam.query("year", Integer.class,
                "Only playthroughs completed in this year, or, while not completed, started in it");
        ApiParam sort = ApiParam.query("sort", String.class, "Order: " + String.join(", ", PlaythroughQuery.Sort.params())
                + " (a leading minus is descending; missing values last; default -completed_at, then newest first)");
        ApiParam limit = ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)");
        ApiParam offset = ApiParam.query("offset", Integer.class, "Items to skip (default 0)");
        ApiParam gameSlug = ApiParam.path("slug", "The game's slug");
        ApiParam id = ApiParam.path("id", "The playthrough's id (a UUID)");
        ApiParam session = ApiParam.path("session", "The session's id (a UUID)");
        return ApiOperation.tagged("Journal", List.of(
                ApiOperation.get("/api/games/{slug}/playthroughs", "List a game's playthroughs",
                                ApiResponse.pageOf(PlaythroughResponse.class))
                        .withDescription(PLAYTIME)
                        .withParams(gameSlug, status, platform, year, sort, limit, offset)
                        .withProblems(404),
                ApiOperation.post("/api/games/{slug}/playthroughs", "Log a playthrough of a game",
                                ApiResponse.created(PlaythroughResponse.class))
                        .withDescription("Every field is optional. Without a status, a playthrough with `completed_at` "
                                + "is completed, one with `started_at` is playing, any other is planned. `Location` "
                                + "is the new playthrough's URL. " + RULES)
                        .withParams(gameSlug)
                        .withBody(CreatePlaythroughRequest.class)
                        .withProblems(404, 409, 422),
                ApiOperation.get("/api/playthroughs", "List playthroughs", ApiResponse.pageOf(PlaythroughResponse.class))
                        .withDescription(PLAYTIME)
                        .withParams(status, platform, year, ApiParam.query("game", String.class, "Only this game (slug)"),
                                sort, limit, offset),
                ApiOperation.get("/api/playthroughs/{id}", "Get a playthrough with its sessions",
                                ApiResponse.ok(PlaythroughDetailResponse.class))
                        .withParams(id)
                        .withProblems(404),
                ApiOperation.patch("/api/playthroughs/{id}", "Change a playthrough", ApiResponse.ok(PlaythroughResponse.class))
                        .withDescription("Fields present are changed, an explicit null clears one (not `status` or "
                                + "`source`), absent ones stay. Without `status`, setting `completed_at` to a date "
                                + "completes the run, and setting `started_at` starts a planned one (playing); "
                                + "clearing `completed_at` of a completed run needs a new `status`. " + RULES)
                        .withParams(id)
                        .withBody(UpdatePlaythroughRequest.class)
                        .withProblems(404, 409, 422),
                ApiOperation.delete("/api/playthroughs/{id}", "Delete a playthrough and its sessions", ApiResponse.noContent())
                        .withParams(id)
                        .withProblems(404),
                ApiOperation.post("/api/playthroughs/{id}/sessions", "Log a play session",
                                ApiResponse.created(PlaySessionResponse.class))
                        .withDescription("`minutes` (1 to 1440) is required; `started_at` (1950 to 2200, UTC) defaults to now. The "
                                + "playthrough's playtime is the sum of its sessions unless a playtime was given. "
                                + "`Location` is the new session's URL.")
                        .withParams(id)
                        .withBody(CreateSessionRequest.class)
                        .withProblems(404, 422),
                ApiOperation.get("/api/playthroughs/{id}/sessions/{session}", "Get a play session",
                                ApiResponse.ok(PlaySessionResponse.class))
                        .withParams(id, session)
                        .withProblems(404),
                ApiOperation.patch("/api/playthroughs/{id}/sessions/{session}", "Change a play session",
                                ApiResponse.ok(PlaySessionResponse.class))
                        .withDescription("Fields present are changed; an explicit null clears the `note` (not "
                                + "`minutes` or `started_at`). `minutes` is 1 to 1440, `started_at` 1950 to 2200 (UTC). "
                                + "The playthrough's session totals follow. A session of another playthrough is a 404.")
                        .withParams(id, session)
                        .withBody(UpdateSessionRequest.class)
                        .withProblems(404, 422),
                ApiOperation.delete("/api/playthroughs/{id}/sessions/{session}", "Delete a play session",
                                ApiResponse.noContent())
                        .withDescription("The playthrough's session totals follow. A session of another playthrough "
                                + "is a 404.")
                        .withParams(id, session)
                        .withProblems(404),
                ApiOperation.get("/api/stats", "Stats over the whole journal", ApiResponse.ok(StatsResponse.class))
                        .withDescription("""
                                Totals, completions per year and month, playtime per platform, the rating \
                                distribution and mean, the top genres and franchises by completions, the backlog \
                                (games with a planned or paused playthrough and no completed one), the longest run \
                                of consecutive months with a completion, and with `year` a year in review. A \
                                completion is a playthrough with status completed, dated by `completed_at`. A \
                                game is played when one of its playthroughs is not planned (`games_played`); \
                                platforms count played playthroughs; ratings count every rated playthrough.

                                Freshness: after a change to the journal or the library, the first request \
                                computes the new figures; requests arriving while it does are answered the figures \
                                from before that change (at most one computation old) instead of waiting. Once it \
                                is done, every answer has the new figures.""")
                        .withParams(ApiParam.query("year", Integer.class, "Add the year in review of this year")),
                ApiOperation.get("/api/platforms", "List platforms", ApiResponse.pageOf(PlatformResponse.class))
                        .withDescription("""
                                Every platform by name: the known ones and those registered by a playthrough that \
                                named them, each with its canonical `key` (what `platform_key` and the `platform` \
                                filter use) and display `name`. A playthrough's `platform` may be sent in any \
                                spelling; it is stored as the key.""")
                        .withParams(limit, offset)));
    }
}
