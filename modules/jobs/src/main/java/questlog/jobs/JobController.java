package questlog.jobs;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;
import java.util.UUID;
import questlog.common.FieldErrors;
import questlog.common.InvalidInputException;
import questlog.common.Page;

/** {@code /api/jobs}: IO only. */
final class JobController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 5000;

    private final JobService service;

    JobController(JobService service) {
        this.service = service;
    }

    void list(Context ctx) {
        FieldErrors errors = new FieldErrors();
        String stateText = blankToNull(ctx.queryParam("state"));
        JobState state = stateText == null ? null : JobState.parse(stateText).orElse(null);
        errors.check(stateText == null || state != null, "state",
                "must be one of queued, running, succeeded, failed, cancelled");
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
        errors.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .check(offset >= 0, "offset", "must be 0 or more")
                .throwIfBadRequest();
        var listing = service.list(state, blankToNull(ctx.queryParam("type")), limit, offset);
        var items = listing.items().stream().map(JobResponse::from).toList();
        ctx.json(Page.of(items, listing.total(), limit, offset, Page.PageLink.sameQuery(ctx)));
    }

    void get(Context ctx) {
        ctx.json(JobResponse.from(service.find(id(ctx)).orElseThrow(JobController::notFound)));
    }

    /** 202 with the job: cancelled already (it was queued) or {@code cancel_requested} (it is running). */
    void cancel(Context ctx) {
        switch (service.cancel(id(ctx))) {
            case JobService.CancelOutcome.Cancelled c -> ctx.status(202).json(JobResponse.from(c.job()));
            case JobService.CancelOutcome.Requested r -> ctx.status(202).json(JobResponse.from(r.job()));
            case JobService.CancelOutcome.AlreadyFinished f ->
                    throw new ConflictResponse("The job has already ended (" + f.job().state() + "); nothing to cancel");
            case JobService.CancelOutcome.NotFound n -> throw notFound();
        }
    }

    private static UUID id(Context ctx) {
        return parse(ctx.pathParam("id"))
                .orElseThrow(() -> InvalidInputException.of(400, "id", "must be a job id (a UUID)"));
    }

    private static Optional<UUID> parse(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts shortened groups ("1-2-3-4-5"); only the canonical form names a job
            return id.toString().equalsIgnoreCase(raw) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NotFoundResponse notFound() {
        return new NotFoundResponse("Job not found");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
