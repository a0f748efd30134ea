package questlog.library.igdb;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import questlog.common.FieldErrors;
import questlog.common.Jobs;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameController;
import questlog.library.catalog.GameDao;
import questlog.library.catalog.Requests;

/** {@code /igdb/search} and {@code /games/{slug}/sync}: the routes that need IGDB. */
public final class IgdbController {
    static final int MAX_SEARCH_LIMIT = 50;

    private final Jdbi jdbi;
    private final IgdbGateway igdb;
    private final Jobs jobs;

    public IgdbController(Jdbi jdbi, IgdbGateway igdb, Jobs jobs) {
        this.jdbi = jdbi;
        this.igdb = igdb;
        this.jobs = jobs;
    }

    public void search(Context ctx) {
        String q = Requests.param(ctx, "q");
        String limitText = Requests.param(ctx, "limit");
        var errors = new FieldErrors();
        errors.check(q != null && !q.isBlank(), "q", "is required");
        int limit = 10;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                errors.check(limit >= 1 && limit <= MAX_SEARCH_LIMIT, "limit", "must be between 1 and " + MAX_SEARCH_LIMIT);
            } catch (NumberFormatException e) {
                errors.add("limit", "must be a whole number");
            }
        }
        errors.throwIfBadRequest();
        int size = limit;
        List<IgdbGame> found = igdb.call(client -> client.search(q.strip(), size));
        Map<Long, String> linked = linkedSlugs(found);
        ctx.json(new IgdbSearchResponse.Listing(found.stream().map(g -> IgdbSearchResponse.from(g, linked)).toList()));
    }

    public void sync(Context ctx) {
        Game game = jdbi.withHandle(h -> h.attach(GameDao.class).findBySlug(ctx.pathParam("slug")))
                .orElseThrow(GameController::notFound);
        igdb.require();
        if (game.igdbId() == null) {
            new FieldErrors().add("igdb_id", "the game has no igdb_id to sync from: set one with PATCH /api/games/"
                    + game.slug() + " or run questlog enrich").throwIfUnprocessable();
        }
        if (jobs == null) {
            throw new io.javalin.http.ServiceUnavailableResponse("background jobs are not running in this process");
        }
        Jobs.JobRef job = jobs.submitOnce(IgdbSync.TYPE, game.id().toString(), new IgdbSync.Params(game.id()));
        ctx.status(202).header("Location", job.url());
        ctx.json(JobAcceptedResponse.from(job));
    }

    private Map<Long, String> linkedSlugs(List<IgdbGame> games) {
        return jdbi.withExtension(GameDao.class, dao -> dao.slugsByIgdbId(games.stream().map(IgdbGame::id).toList()));
    }
}
