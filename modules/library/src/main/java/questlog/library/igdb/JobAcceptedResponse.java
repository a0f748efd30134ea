package questlog.library.igdb;

import questlog.common.Jobs;

/**
 * The 202 body of a route that queued a background job: the job's id and address. {@code existing}
 * is true when the same work was already queued or running and that job is returned instead.
 */
public record JobAcceptedResponse(String id, String type, String url, boolean existing) {
    static JobAcceptedResponse from(Jobs.JobRef job) {
        return new JobAcceptedResponse(job.id().toString(), job.type(), job.url(), job.existing());
    }
}
