package questlog.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as stored: what {@link JobsModule#job(UUID)} returns (the CLI polls it) and what the
 * routes render.
 *
 * @param state     queued, running, succeeded, failed or cancelled
 * @param done      units of work finished
 * @param total     units of work in all, -1 when unknown
 * @param params    the parameters given at submit
 * @param result    what the handler returned (null until it succeeded, or when it returned nothing)
 * @param error     why it failed (never internals), null otherwise
 * @param attempts  how many times it was started (more than one after a crash or a shutdown)
 */
public record JobView(UUID id, String type, String state, long done, long total, JsonNode params, JsonNode result,
                      String error, boolean cancelRequested, int attempts, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant updatedAt) {

    /** True once the job succeeded, failed or was cancelled: nothing about it changes any more. */
    public boolean isFinished() {
        return JobState.of(state).isFinished();
    }
}
