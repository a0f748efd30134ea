package questlog.jobs;

import java.util.List;
import java.util.UUID;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The job routes as the OpenAPI document describes them, in the order of {@link JobsModule#routes()}. */
final class JobsApi {
    private JobsApi() {}

    private static final String JOB = """
            A job runs in the background on one app instance, survives restarts (it resumes from its last \
            checkpoint) and ends `succeeded` (with its `result`), `failed` (with its `error`; a failed job is not \
            retried, submit it again) or `cancelled`. `progress.total` is -1 while unknown, and `percent` then null. \
            `attempts` counts starts: more than one after a crash or a shutdown. Progress is also pushed as \
            `questlog:sync_progress` events (about one per second), the end as `questlog:sync_complete` or \
            `questlog:sync_failed` (error `cancelled` for a cancelled job). Never cached: each read is fresh.""";

    static List<ApiOperation> operations() {
        ApiParam id = ApiParam.path("id", UUID.class, "The job's id");
        return ApiOperation.tagged("Jobs", List.of(
                ApiOperation.get("/api/jobs", "List jobs, newest first", ApiResponse.pageOf(JobResponse.class))
                        .withDescription(JOB)
                        .withParams(
                                ApiParam.query("state", JobState.class, "Only jobs in this state"),
                                ApiParam.query("type", String.class, "Only jobs of this type"),
                                ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400),
                ApiOperation.get("/api/jobs/{id}", "Get a job with its progress", ApiResponse.ok(JobResponse.class))
                        .withDescription(JOB)
                        .withParams(id)
                        .withProblems(400, 404),
                ApiOperation.post("/api/jobs/{id}/cancel", "Cancel a job",
                                ApiResponse.accepted(JobResponse.class)
                                        .withDescription("Accepted: the job as it is now"))
                        .withDescription("""
                                A queued job is cancelled at once (the answer shows `state: cancelled`) and never \
                                runs. A running job gets `cancel_requested: true` and stops at its next check, \
                                within seconds, ending `cancelled`; cancelling it again is harmless. A job that \
                                already ended is a 409.""")
                        .withParams(id)
                        .withProblems(400, 404, 409)));
    }
}
