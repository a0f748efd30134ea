package questlog.common;

/**
 * One kind of background job. The runner calls {@link #run} on a worker thread, possibly more
 * than once for the same job (after a crash or a shutdown it starts again on some instance), so
 * a handler resumes from {@link JobContext#checkpoint} and writes each step together with the
 * checkpoint that records it ({@link JobContext#saveCheckpoint}), in one transaction.
 */
public interface JobHandler {

    /** The job type, e.g. {@code "igdb_enrich"}: stable, since queued jobs name it in the database. */
    String type();

    /**
     * Does the work. Returns the job's result (public fields only, serialised to JSON; may be
     * null). Throwing {@link JobContext.Cancelled} ends the job as cancelled; throwing
     * {@link JobContext.Interrupted} hands it back to the queue (it resumes later); any other
     * exception fails it, with the exception's message as the job's error.
     */
    Object run(JobContext context) throws Exception;
}
