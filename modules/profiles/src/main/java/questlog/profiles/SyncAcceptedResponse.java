package questlog.profiles;

import questlog.common.Jobs;

/**
 * The 202 body of {@code POST /api/profiles/{plugin}/{id}/sync}: the job's id and address;
 * {@code existing} is true when a sync of that profile was already queued or running and that job
 * is returned instead.
 */
record SyncAcceptedResponse(String id, String type, String url, boolean existing) {
    static SyncAcceptedResponse from(Jobs.JobRef job) {
        return new SyncAcceptedResponse(job.id().toString(), job.type(), job.url(), job.existing());
    }
}
