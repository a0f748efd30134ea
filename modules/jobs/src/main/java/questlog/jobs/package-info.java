/**
 * Jobs: slow work as persistent background jobs, run on db-scheduler.
 *
 * <p>Owns the tables {@code job} (the user-facing record: state, progress, checkpoint, result,
 * error) and {@code scheduled_tasks} (db-scheduler's execution leases, one row per pending or
 * running job, task instance = job id); the routes {@code GET /api/jobs}, {@code GET
 * /api/jobs/{id}} and {@code POST /api/jobs/{id}/cancel}; and the events
 * {@code questlog:sync_progress}, {@code questlog:sync_complete} and {@code questlog:sync_failed}
 * (written through {@link questlog.common.EventLog} in the job's transactions).
 *
 * <p>Modules submit work through {@link questlog.common.Jobs} ({@link
 * questlog.jobs.JobsModule#jobs()}) and provide its {@link questlog.common.JobHandler}s, which
 * app registers at {@link questlog.jobs.JobsModule#start}. A job runs on one instance at a time
 * (db-scheduler picks rows with row locks; the job row's start transition double-checks), and
 * resumes from its last checkpoint on another instance when the one running it dies (its
 * heartbeats stop) or on the next start after a graceful shutdown.
 */
package questlog.jobs;
