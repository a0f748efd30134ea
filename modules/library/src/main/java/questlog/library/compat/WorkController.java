package questlog.library.compat;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import questlog.library.catalog.Requests;

/** {@code /works}: the original Questlog API's name for games, answered in its exact shapes. */
public final class WorkController {
    private static final long DEFAULT_LIMIT = 100;

    private final CompatService compat;

    public WorkController(CompatService compat) {
        this.compat = compat;
    }

    /** Not capped: static sites ask for {@code limit=2000} to fetch everything in one go. */
    public void list(Context ctx) {
        var window = Requests.window(ctx, DEFAULT_LIMIT);
        ctx.json(compat.works(Requests.param(ctx, "franchise"), window.limit(), window.offset()).stream()
                .map(WorkResponse::from)
                .toList());
    }

    public void get(Context ctx) {
        var work = compat.work(ctx.pathParam("slug")).orElseThrow(() ->
                new NotFoundResponse("Work not found", Map.of("error", "Work not found")));
        ctx.json(WorkDetailResponse.from(work));
    }
}
