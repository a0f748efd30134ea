package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.List;
import questlog.common.Page;

/** {@code /games}: the canonical catalog of games. */
final class GameController {
    private final GameService games;
    private final ObjectMapper json;
    private final GameSections sections;

    GameController(GameService games, ObjectMapper json) {
        this(games, json, GameSections.NONE);
    }

    GameController(GameService games, ObjectMapper json, GameSections sections) {
        this.games = games;
        this.json = json;
        this.sections = sections;
    }

    void list(Context ctx) {
        GameQuery query = GameQuery.parse(ctx.queryParamMap());
        GameService.Listing listing = games.list(query);
        var items = listing.games().stream()
                .map(g -> GameSummaryResponse.from(g, listing.genres().getOrDefault(g.id(), List.of())))
                .toList();
        ctx.json(Page.of(items, listing.total(), query.limit(), query.offset(), Requests.pageLink(ctx)));
    }

    void get(Context ctx) {
        ctx.json(GameDetailResponse.from(games.get(ctx.pathParam("slug"), sections.seesPrivate(ctx))
                .orElseThrow(GameController::notFound)));
    }

    void create(Context ctx) throws IOException {
        CreateGameRequest request = Requests.body(ctx, json, CreateGameRequest.class);
        request.validate();
        GameService.Details created = Requests.conflictsAs409(() -> games.create(request));
        ctx.status(201).header("Location", gamesPath(ctx) + "/" + created.game().slug());
        ctx.json(GameDetailResponse.from(created));
    }

    void update(Context ctx) throws IOException {
        var patch = UpdateGameRequest.read(Requests.objectBody(ctx, json), json);
        var updated = Requests.conflictsAs409(() -> games.update(ctx.pathParam("slug"), patch));
        ctx.json(GameDetailResponse.from(updated.orElseThrow(GameController::notFound)));
    }

    void delete(Context ctx) {
        if (!games.delete(ctx.pathParam("slug"))) {
            throw notFound();
        }
        ctx.status(204);
    }

    static NotFoundResponse notFound() {
        return new NotFoundResponse("Game not found");
    }

    /** "/api/games", whatever prefix the module is mounted under. */
    static String gamesPath(Context ctx) {
        String path = ctx.path();
        return path.substring(0, path.indexOf("/games") + "/games".length());
    }
}
