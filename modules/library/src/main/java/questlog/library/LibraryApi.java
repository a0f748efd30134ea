package questlog.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;
import questlog.common.GameDetailSection;
import questlog.library.catalog.CreateEditionRequest;
import questlog.library.catalog.CreateFranchiseRequest;
import questlog.library.catalog.CreateGameRequest;
import questlog.library.catalog.CreateGenreRequest;
import questlog.library.catalog.Edition;
import questlog.library.catalog.EditionResponse;
import questlog.library.catalog.Franchise;
import questlog.library.catalog.GameDetailResponse;
import questlog.library.catalog.GameSummaryResponse;
import questlog.library.catalog.Genre;
import questlog.library.catalog.GenreResponse;
import questlog.library.catalog.RefResponse;
import questlog.library.catalog.UpdateGameRequest;
import questlog.library.compat.Work;
import questlog.library.compat.WorkDetailResponse;
import questlog.library.compat.WorkEditionResponse;
import questlog.library.compat.WorkResponse;
import questlog.library.igdb.IgdbSearchResponse;
import questlog.library.igdb.JobAcceptedResponse;

/** The library's routes as the OpenAPI document describes them, in the order of {@link LibraryModule#routes()}. */
final class LibraryApi {
    private LibraryApi() {}

    /** {@code sections}: the other modules' members of a game's detail, shown with their own types. */
    static List<ApiOperation> operations(List<GameDetailSection<?>> sections) {
        var slug = ApiParam.path("slug", "The game's slug");
        Map<String, ApiBody> members = new LinkedHashMap<>();
        sections.forEach(s -> members.put(s.name(), ApiBody.arrayOf(s.itemType())));
        ApiBody detail = ApiBody.of(GameDetailResponse.class).withMembers(members);
        List<ApiOperation> all = new ArrayList<>(ApiOperation.tagged("Games", List.of(
                ApiOperation.get("/api/games", "List games", ApiResponse.pageOf(GameSummaryResponse.class))
                        .withDescription("Filters combine with AND. `q` finds the games where every word of `q`"
                                + " begins a word of the name (or of `sort_name`), in any order; case, accents and"
                                + " apostrophes do not count and other punctuation separates words (\"okami\" finds"
                                + " \"Ōkami\", \"baldurs\" \"Baldur's Gate 3\", \"automata nier\""
                                + " \"NieR:Automata\"). With `q` and no `sort`, the most relevant come first: the"
                                + " exact name (a leading article optional), then games having every word whole, then"
                                + " the rest, by name within each; an explicit `sort` wins. `platform` matches the"
                                + " game's platforms or any of its editions'. Names sort by `sort_name` when given,"
                                + " else by the name without a leading \"The\", \"A\" or \"An\", ignoring case,"
                                + " accents and punctuation, numbers by value; the slug breaks ties. Unknown years"
                                + " sort last.")
                        .withParams(
                                ApiParam.query("q", String.class, "Words the name has, each one whole or its beginning"),
                                ApiParam.query("franchise", String.class, "Franchise slug"),
                                ApiParam.query("genre", String.class, "Genre slug"),
                                ApiParam.query("platform", String.class, "Platform slug, such as ps2 or switch"),
                                ApiParam.query("status", String.class,
                                        "Games with a playthrough in this status: planned, playing, paused, completed or abandoned"),
                                ApiParam.query("year", Integer.class, "Original release year"),
                                ApiParam.query("sort", String.class, "name (default; with q, relevance), -name, year,"
                                        + " -year, created, -created, updated or -updated"),
                                ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400),
                ApiOperation.post("/api/games", "Add a game", ApiResponse.of(201, detail))
                        .withDescription("References are slugs of existing rows. Without `slug`, one is made from"
                                + " the name, with -2, -3... when taken. Without `editions`, an `original` edition"
                                + " is made from the game's name, slug and platforms. `primary_genre` is added to"
                                + " `genres`. Names (the game's, its `sort_name`, its editions') are at most 500"
                                + " characters, `twitch_category_id` and external ids at most 255;"
                                + " `original_release_year` is 1940 to 2200, an edition's `release_date` in those"
                                + " years. Answers with a Location header.\n\n"
                                + "**From IGDB:** give `igdb_query` (a title), or `igdb_id` without `name`. The game"
                                + " is looked up on IGDB and everything the body leaves out is filled from it: name,"
                                + " summary, cover (t_cover_big), release year and the original edition's release"
                                + " date (UTC), platforms, genres (created with their IGDB ids when new), franchise,"
                                + " the raw IGDB object. Fields in the body win over IGDB's. `igdb_query` takes the"
                                + " only hit, or the one hit with exactly that name (narrowed by main game, then"
                                + " `original_release_year`); otherwise 422 lists the candidates. An id IGDB does"
                                + " not know is a 422. With both `name` and `igdb_id` nothing is fetched (the id is"
                                + " recorded; PUT /api/games/{slug}/sync fetches it). Without IGDB credentials the"
                                + " IGDB forms answer 503; a malformed or failing IGDB answer is a 502 (504 on a"
                                + " timeout) and nothing is written.")
                        .withBody(CreateGameRequest.class)
                        .withProblems(409, 413, 422, 502, 503, 504),
                ApiOperation.get("/api/games/{slug}", "Get a game with its editions and external ids",
                                ApiResponse.ok(detail))
                        .withDescription("After the game's own fields come the other modules' members of the"
                                + " detail: the journal's `playthroughs` (newest completion first, as GET"
                                + " /api/playthroughs shows them) and the `lists` it is in (by list name; private"
                                + " lists only with a token), and so on.")
                        .withParams(slug)
                        .withProblems(404),
                ApiOperation.patch("/api/games/{slug}", "Change some fields of a game", ApiResponse.ok(detail))
                        .withDescription("Fields left out stay as they are; `null` (or \"\") clears a field;"
                                + " `name` and `slug` cannot be cleared. Replacing `genres` without naming a"
                                + " `primary_genre` drops a primary no longer listed; clearing `parent_game` clears"
                                + " `relationship_type`; `external_ids` replaces the game's own ids.")
                        .withParams(slug)
                        .withBody(UpdateGameRequest.class)
                        .withProblems(404, 409, 413, 422),
                ApiOperation.delete("/api/games/{slug}", "Remove a game with its editions and external ids",
                                ApiResponse.noContent())
                        .withParams(slug)
                        .withProblems(404),
                ApiOperation.post("/api/games/{slug}/editions", "Add an edition to a game",
                                ApiResponse.created(EditionResponse.class))
                        .withDescription("Without `slug`, one is made from the name, prefixed with the game's slug"
                                + " unless the name already starts that way (\"Switch\" of okami: okami-switch)."
                                + " `name` is at most 500 characters, `twitch_category_id` at most 255, `release_date`"
                                + " in the years 1940 to 2200 (1940-01-01 to 2200-12-31).")
                        .withParams(slug)
                        .withBody(CreateEditionRequest.class)
                        .withProblems(404, 409, 413, 422),
                ApiOperation.put("/api/games/{slug}/sync", "Re-fetch a game from IGDB (a background job)",
                                ApiResponse.accepted(JobAcceptedResponse.class))
                        .withDescription("Queues an `igdb_sync` job and answers 202 with its id and a Location header"
                                + " (GET /api/jobs/{id} tells its state). The job fetches the game by its igdb_id,"
                                + " bypassing the response cache, and overwrites the IGDB-sourced fields (summary,"
                                + " cover, release year and date, platforms), adds IGDB's genres and fills an empty"
                                + " franchise; name and slug are kept. While a sync of the game is queued or running,"
                                + " the same job is returned (`existing: true`). 422 when the game has no igdb_id,"
                                + " 503 without IGDB credentials.")
                        .withParams(slug)
                        .withProblems(404, 422, 503))));
        all.addAll(ApiOperation.tagged("IGDB", List.of(
                ApiOperation.get("/api/igdb/search", "Search IGDB for games (for an admin form)",
                                ApiResponse.ok(IgdbSearchResponse.Listing.class))
                        .withDescription("IGDB's own search over game names, best match first. Needs a token, since"
                                + " every call spends the instance's IGDB quota (4 requests/s). `in_library` is the"
                                + " slug of the library game already linked to the hit. Answers are cached for a day.")
                        .withAccess(Access.WRITE)
                        .withParams(
                                ApiParam.query("q", String.class, "The title to search for (required)"),
                                ApiParam.query("limit", Integer.class, "Hits, 1 to 50 (default 10)"))
                        .withProblems(400, 502, 503, 504))));
        all.addAll(ApiOperation.tagged("Franchises and genres", List.of(
                ApiOperation.get("/api/franchises", "List franchises by name (a bare array, as in the original API)",
                        ApiResponse.arrayOf(RefResponse.class)),
                ApiOperation.post("/api/franchises", "Add a franchise", ApiResponse.created(RefResponse.class))
                        .withDescription("`Location` is the new franchise's URL.")
                        .withBody(CreateFranchiseRequest.class)
                        .withProblems(409, 413, 422),
                ApiOperation.get("/api/franchises/{slug}", "Get a franchise", ApiResponse.ok(RefResponse.class))
                        .withDescription("An unknown slug answers 404 with `\"error\": \"Franchise not found\"`.")
                        .withParams(ApiParam.path("slug", "The franchise's slug"))
                        .withProblems(404),
                ApiOperation.get("/api/genres", "List genres by name (a bare array, as in the original API)",
                        ApiResponse.arrayOf(GenreResponse.class)),
                ApiOperation.post("/api/genres", "Add a genre", ApiResponse.created(GenreResponse.class))
                        .withDescription("`Location` is the new genre's URL.")
                        .withBody(CreateGenreRequest.class)
                        .withProblems(409, 413, 422),
                ApiOperation.get("/api/genres/{slug}", "Get a genre", ApiResponse.ok(GenreResponse.class))
                        .withDescription("An unknown slug answers 404 with `\"error\": \"Genre not found\"`.")
                        .withParams(ApiParam.path("slug", "The genre's slug"))
                        .withProblems(404))));
        var window = new ApiParam[] {
                ApiParam.query("limit", Long.class, "How many (default 100, not capped)"),
                ApiParam.query("offset", Long.class, "Items to skip (default 0)")};
        all.addAll(ApiOperation.tagged("Original Questlog API", List.of(
                ApiOperation.get("/api/works", "List works (games) by name", ApiResponse.arrayOf(WorkResponse.class))
                        .withParams(window)
                        .withParams(ApiParam.query("franchise", String.class, "Franchise slug"))
                        .withProblems(400),
                ApiOperation.get("/api/works/{slug}", "Get a work with its editions by release date",
                                ApiResponse.ok(WorkDetailResponse.class))
                        .withDescription("An unknown slug answers 404 with `\"error\": \"Work not found\"` in the body.")
                        .withParams(ApiParam.path("slug", "The work's (game's) slug"))
                        .withProblems(404),
                ApiOperation.get("/api/editions", "List editions by name", ApiResponse.arrayOf(WorkEditionResponse.class))
                        .withParams(window)
                        .withParams(ApiParam.query("work", String.class, "Only this work's editions (its slug)"))
                        .withProblems(400),
                ApiOperation.get("/api/editions/{slug}", "Get an edition", ApiResponse.ok(WorkEditionResponse.class))
                        .withDescription("An unknown slug answers 404 with `\"error\": \"Edition not found\"`.")
                        .withParams(ApiParam.path("slug", "The edition's slug"))
                        .withProblems(404),
                ApiOperation.get("/api/editions/by-twitch/{id}", "Get the work of the edition streamed under a Twitch category",
                                ApiResponse.ok(WorkDetailResponse.class))
                        .withParams(ApiParam.path("id", "Twitch category id"))
                        .withProblems(404))));
        return List.copyOf(all);
    }
}
