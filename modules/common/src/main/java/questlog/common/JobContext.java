package questlog.common;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What a running job sees of itself: its parameters, its checkpoint, progress and cancellation. */
public interface JobContext {

    UUID id();

    /** The parameters given to {@link Jobs#submit}, read back as {@code type}. */
    <T> T params(Class<T> type);

    /** The last checkpoint saved by an earlier run of this job, read as {@code type}; empty on a first run. */
    <T> Optional<T> checkpoint(Class<T> type);

    /**
     * Saves the checkpoint and progress in {@code tx}'s transaction, so that they commit with the
     * step they describe or not at all. Also records a progress event.
     *
     * @param checkpoint public fields only; serialised to JSON
     * @param done units of work finished so far
     * @param total units of work in all (-1 when unknown)
     */
    void saveCheckpoint(Handle tx, Object checkpoint, long done, long total);

    /** Reports progress without a checkpoint (its own small transaction). */
    void progress(long done, long total);

    /**
     * Throws {@link Cancelled} when someone asked to cancel this job and {@link Interrupted}
     * when this instance is shutting down. Call it between steps.
     */
    void checkStop();

    /** Thrown by {@link #checkStop} when the job was cancelled: it ends as cancelled. */
    final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Thrown by {@link #checkStop} when this instance stops: the job goes back to the queue. */
    final class Interrupted extends RuntimeException {
        public Interrupted() {
            super("interrupted by shutdown", null, false, false);
        }
    }
}
