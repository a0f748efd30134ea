package questlog.journal;

import io.javalin.http.Context;
import questlog.common.FieldErrors;
import questlog.common.Json;

/** {@code GET /api/stats?year=}. */
final class StatsController {
    private final StatsService service;

    StatsController(StatsService service) {
        this.service = service;
    }

    void get(Context ctx) {
        String raw = ctx.queryParam("year");
        Integer year = null;
        if (raw != null && !raw.isBlank()) {
            FieldErrors errors = new FieldErrors();
            try {
                year = Integer.parseInt(raw.strip());
                errors.check(year >= PlaythroughService.MIN_YEAR && year <= PlaythroughService.MAX_YEAR, "year",
                        "must be a year between " + PlaythroughService.MIN_YEAR + " and " + PlaythroughService.MAX_YEAR);
            } catch (NumberFormatException e) {
                errors.add("year", "must be a whole number (got '" + raw + "')");
            }
            errors.throwIfBadRequest();
        }
        Json.respond(ctx, service.stats(year));
    }
}
