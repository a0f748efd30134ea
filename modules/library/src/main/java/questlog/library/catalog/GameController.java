package questlog.library.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import questlog.common.Bodies;
import questlog.common.InvalidInputException;
import questlog.common.Json;
import questlog.common.Page;
import questlog.common.ReadKeys;
import questlog.library.igdb.IgdbClient;
import questlog.library.igdb.IgdbException;
import questlog.library.igdb.IgdbGame;
import questlog.library.igdb.IgdbGateway;
import questlog.library.igdb.IgdbMatcher;
import questlog.library.igdb.IgdbMetadata;

/** {@code /games}: the canonical catalog of games. */
public final class GameController {
    private static final int QUERY_HITS = 10;
    private final GameService games;
    private final ObjectMapper json;
    private final Predicate<Context> seesPrivate;
    private final IgdbGateway igdb;
    private final IgdbMetadata metadata;

    GameController(GameService games, ObjectMapper json) {
        this(games, json, ctx -> false, new IgdbGateway(Optional.empty()));
    }

    /** {@code seesPrivate}: whether a request may see private things in the detail (it carries a reading token). */
    public GameController(GameService games, ObjectMapper json, Predicate<Context> seesPrivate, IgdbGateway igdb) {
        this.games = games;
        this.json = json;
        this.seesPrivate = seesPrivate;
        this.igdb = igdb;
        this.metadata = new IgdbMetadata(json);
    }

    public void list(Context ctx) {
        GameQuery query = GameQuery.parse(ctx.queryParamMap());
        GameService.Listing listing = games.list(query);
        var items = listing.games().stream()
                .map(g -> GameSummaryResponse.from(g, listing.genres().getOrDefault(g.id(), List.of())))
                .toList();
        ReadKeys.showsGames(ctx, listing.games().stream().map(Game::slug).toList());
        Json.respond(ctx, Page.of(items, listing.total(), query.limit(), query.offset(), Page.PageLink.sameQuery(ctx)));
    }

    public void get(Context ctx) {
        Json.respond(ctx, GameDetailResponse.from(games.get(ctx.pathParam("slug"), seesPrivate.test(ctx))
                .orElseThrow(GameController::notFound)));
    }

    public void create(Context ctx) throws IOException {
        CreateGameRequest request = Bodies.read(ctx, json, CreateGameRequest.class).value();
        request.validate();
        GameService.Details created;
        if (request.fromIgdb()) {
            // IGDB is asked before the transaction opens: no database work waits on the network.
            IgdbGame game = igdb.call(client -> lookUp(client, request));
            created = Requests.conflictsAs409(() -> games.createFromIgdb(request, game, metadata));
        } else {
            created = Requests.conflictsAs409(() -> games.create(request));
        }
        ctx.status(201).header("Location", gamesPath(ctx) + "/" + created.game().slug());
        ctx.json(GameDetailResponse.from(created));
    }

    public void update(Context ctx) throws IOException {
        var patch = UpdateGameRequest.read(Bodies.read(ctx, json, UpdateGameRequest.class));
        var updated = Requests.conflictsAs409(() -> games.update(ctx.pathParam("slug"), patch));
        ctx.json(GameDetailResponse.from(updated.orElseThrow(GameController::notFound)));
    }

    public void delete(Context ctx) {
        if (!games.delete(ctx.pathParam("slug"))) {
            throw notFound();
        }
        ctx.status(204);
    }

    /**
     * The IGDB game a create asks for: by id, or the one search hit for {@code igdb_query} that
     * bears that name (see {@link IgdbMatcher}); anything less certain is a 422 listing candidates.
     */
    private static IgdbGame lookUp(IgdbClient client, CreateGameRequest request) {
        if (request.igdbQuery() == null) {
            try {
                return client.game(request.igdbId(), false);
            } catch (IgdbException.NotFound e) {
                throw InvalidInputException.of(422, "igdb_id", "IGDB has no game with id " + request.igdbId());
            }
        }
        List<IgdbGame> hits = client.search(request.igdbQuery(), QUERY_HITS);
        if (hits.size() == 1) {
            return hits.getFirst();
        }
        IgdbMatcher.Match match = IgdbMatcher.byName(request.igdbQuery(), request.originalReleaseYear(), hits);
        return switch (match) {
            case IgdbMatcher.Found found -> found.game();
            case IgdbMatcher.Ambiguous many -> throw InvalidInputException.of(422, "igdb_query",
                    "matches several IGDB games: " + many.describe() + "; give igdb_id instead");
            case IgdbMatcher.None none -> throw InvalidInputException.of(422, "igdb_query", hits.isEmpty()
                    ? "IGDB found no game for '" + request.igdbQuery() + "'"
                    : "no IGDB game is named exactly '" + request.igdbQuery() + "'; closest: "
                            + new IgdbMatcher.Ambiguous(hits.subList(0, Math.min(5, hits.size()))).describe()
                            + "; give igdb_id instead");
        };
    }

    public static NotFoundResponse notFound() {
        return new NotFoundResponse("Game not found");
    }

    /** "/api/games", whatever prefix the module is mounted under. */
    static String gamesPath(Context ctx) {
        String path = ctx.path();
        return path.substring(0, path.indexOf("/games") + "/games".length());
    }
}
