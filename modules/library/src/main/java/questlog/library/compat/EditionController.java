package questlog.library.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.Map;
import questlog.common.Bodies;
import questlog.library.catalog.CreateEditionRequest;
import questlog.library.catalog.Edition;
import questlog.library.catalog.EditionResponse;
import questlog.library.catalog.GameController;
import questlog.library.catalog.GameService;
import questlog.library.catalog.Requests;

/**
 * {@code /editions} (the original API's reads, shapes kept exactly) and
 * {@code POST /games/{slug}/editions} (the canonical way to add one).
 */
public final class EditionController {
    private static final long DEFAULT_LIMIT = 100;

    private final CompatService compat;
    private final GameService games;
    private final ObjectMapper json;

    public EditionController(CompatService compat, GameService games, ObjectMapper json) {
        this.compat = compat;
        this.games = games;
        this.json = json;
    }

    public void list(Context ctx) {
        var window = Requests.window(ctx, DEFAULT_LIMIT);
        ctx.json(compat.editions(Requests.param(ctx, "work"), window.limit(), window.offset()).stream()
                .map(WorkEditionResponse::from)
                .toList());
    }

    public void get(Context ctx) {
        ctx.json(WorkEditionResponse.from(compat.edition(ctx.pathParam("slug")).orElseThrow(EditionController::notFound)));
    }

    /** The work that owns the edition streamed under a Twitch category, as {@code GET /works/{slug}} shows it. */
    public void getWorkByTwitchCategory(Context ctx) {
        var work = compat.workByTwitchCategory(ctx.pathParam("id")).orElseThrow(EditionController::notFound);
        ctx.json(WorkDetailResponse.from(work));
    }

    public void create(Context ctx) throws IOException {
        CreateEditionRequest request = Bodies.read(ctx, json, CreateEditionRequest.class).value();
        request.validate();
        Edition created = Requests.conflictsAs409(() -> games.addEdition(ctx.pathParam("slug"), request))
                .orElseThrow(GameController::notFound);
        String api = ctx.path().substring(0, ctx.path().indexOf("/games"));
        ctx.status(201).header("Location", api + "/editions/" + created.slug());
        ctx.json(EditionResponse.from(created));
    }

    private static NotFoundResponse notFound() {
        return new NotFoundResponse("Edition not found", Map.of("error", "Edition not found"));
    }
}
