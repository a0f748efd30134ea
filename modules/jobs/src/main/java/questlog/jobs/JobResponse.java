package questlog.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as the API shows it. {@code progress.percent} is null while the total is unknown;
 * {@code url} is the job's own address.
 */
record JobResponse(UUID id, String type, JobState state, Progress progress, JsonNode params, JsonNode result,
                   String error, boolean cancelRequested, int attempts, Instant createdAt, Instant startedAt,
                   Instant finishedAt, Instant updatedAt, String url) {

    /** Units of work done of total (-1: unknown), and the share done in percent (one decimal). */
    record Progress(long done, long total, Double percent) {
        static Progress of(long done, long total) {
            Double percent = total > 0 ? Math.round(Math.min(done, total) * 1000.0 / total) / 10.0 : null;
            return new Progress(done, total, percent);
        }
    }

    static JobResponse from(JobView job) {
        return new JobResponse(job.id(), job.type(), JobState.of(job.state()), Progress.of(job.done(), job.total()),
                job.params(), job.result(), job.error(), job.cancelRequested(), job.attempts(), job.createdAt(),
                job.startedAt(), job.finishedAt(), job.updatedAt(), "/api/jobs/" + job.id());
    }
}
