package questlog.lists;

import java.util.List;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The lists routes as the OpenAPI document describes them, in the order of {@link ListsModule#routes()}. */
final class ListsApi {
    private ListsApi() {}

    private static final String COMPAT = """
            Compatible with the original Questlog: its fields are all here, with the same meaning; the other \
            fields are additions. A 404 body also carries `"error": "List not found"`.""";

    private static final String PRIVATE = " Private lists are only visible with a token (to others they do not exist).";

    private static final String RANKED = """
            In a ranked list positions are always 1..n: inserting at a position moves that entry and the ones \
            after it down one, removing one moves the later ones up. Concurrent changes to one list are applied \
            one after the other, each seeing the other's result.""";

    static List<ApiOperation> operations() {
        ApiParam slug = ApiParam.path("slug", "The list's slug");
        ApiParam game = ApiParam.path("game", "The slug of the entry's game");
        return ApiOperation.tagged("Lists", List.of(
                ApiOperation.get("/api/lists", "List lists", ApiResponse.arrayOf(ListSummaryResponse.class))
                        .withDescription("A bare array, by name. " + COMPAT + PRIVATE),
                ApiOperation.post("/api/lists", "Create a list", ApiResponse.created(ListDetailResponse.class))
                        .withDescription("`name` is required; the slug is made from it unless given (a numeric suffix "
                                + "when taken). Lists are unranked and public unless told otherwise. `Location` is "
                                + "the new list's URL.")
                        .withBody(CreateListRequest.class)
                        .withProblems(409, 422),
                ApiOperation.get("/api/lists/{slug}", "Get a list with its entries", ApiResponse.ok(ListDetailResponse.class))
                        .withDescription("Entries by position (unranked entries have none), then newest first. "
                                + COMPAT + PRIVATE)
                        .withParams(slug)
                        .withProblems(404),
                ApiOperation.patch("/api/lists/{slug}", "Change a list", ApiResponse.ok(ListDetailResponse.class))
                        .withDescription("Fields present are changed; a null description clears it. Making a list "
                                + "ranked numbers its entries 1..n in the order they were shown; making it unranked "
                                + "drops the positions.")
                        .withParams(slug)
                        .withBody(UpdateListRequest.class)
                        .withProblems(404, 409, 422),
                ApiOperation.delete("/api/lists/{slug}", "Delete a list, its entries and its history", ApiResponse.noContent())
                        .withParams(slug)
                        .withProblems(404),
                ApiOperation.get("/api/lists/{slug}/activity", "A list's history, newest first",
                                ApiResponse.arrayOf(ActivityResponse.class))
                        .withDescription("""
                                A bare array of `{id, timestamp, verb, entries, metadata}` as in the original \
                                Questlog; `entries` are game slugs. Verbs and metadata, enough to replay the list \
                                from the oldest change: `created` {name, is_ranked, is_public}; `added` \
                                {positions: [one per entry, in the order inserted; null when unranked]}; `removed` \
                                {position} (a game deleted from the library: no entries, {position, game_id, \
                                reason}); `reordered` {from, to} for a move, or entries = the whole new order and \
                                {previous: [the old order]}; `updated` {changes: {field: {from, to}}}, plus \
                                {order: [...]} when a list became ranked.""" + PRIVATE)
                        .withParams(slug, ApiParam.query("limit", Integer.class, "How many, 1 to 5000 (default 50)"))
                        .withProblems(404),
                ApiOperation.put("/api/lists/{slug}/order", "Replace a ranked list's order", ApiResponse.ok(ListDetailResponse.class))
                        .withDescription("The body is every entry's game slug, once each, in the new order; positions "
                                + "become 1..n in one step.")
                        .withParams(slug)
                        .withBody(ApiBody.arrayOf(String.class))
                        .withProblems(404, 422),
                ApiOperation.post("/api/lists/{slug}/entries", "Add a game to a list", ApiResponse.created(EntryResponse.class))
                        .withDescription("The game is `game` (or the original's `work_slug`). " + RANKED
                                + " Unranked lists ignore `position`. A game already in the list is a 409. As in "
                                + "the original Questlog, an unknown list is a 404 with `\"error\": \"List not "
                                + "found\"` and then an unknown game a 404 with `\"error\": \"Work not found\"`. "
                                + "`Location` is the new entry's URL.")
                        .withParams(slug)
                        .withBody(AddEntryRequest.class)
                        .withProblems(404, 409, 422),
                ApiOperation.post("/api/lists/{slug}/entries/bulk", "Add many games to a list",
                                ApiResponse.ok(BulkAddResponse.class))
                        .withDescription("As in the original Questlog: games already in the list are skipped, unknown "
                                + "ones reported in `errors` (\"Work not found: <slug>\"), the rest added in one "
                                + "transaction; the answer is a 200 even when nothing was added. In a ranked list "
                                + "entries go in by requested position (clamped to 1..n+1), those without one at the "
                                + "end. An unknown list is a 404 with `\"error\": \"List not found\"` (the original "
                                + "failed with a 500 there).")
                        .withParams(slug)
                        .withBody(BulkAddRequest.class)
                        .withProblems(404, 422),
                ApiOperation.get("/api/lists/{slug}/entries/{game}", "Get one entry of a list", ApiResponse.ok(EntryResponse.class))
                        .withDescription("A 404 carries `\"error\": \"List not found\"` or `\"error\": \"Entry not "
                                + "found\"`." + PRIVATE)
                        .withParams(slug, game)
                        .withProblems(404),
                ApiOperation.patch("/api/lists/{slug}/entries/{game}", "Move an entry or change its notes",
                                ApiResponse.ok(EntryResponse.class))
                        .withDescription("A new `position` (1 to n) moves the entry; the ones in between shift by one. "
                                + "Unranked lists ignore it.")
                        .withParams(slug, game)
                        .withBody(UpdateEntryRequest.class)
                        .withProblems(404, 422),
                ApiOperation.delete("/api/lists/{slug}/entries/{game}", "Remove a game from a list", ApiResponse.noContent())
                        .withParams(slug, game)
                        .withProblems(404)));
    }
}
