package questlog.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;

/**
 * The job events of the public stream, appended in the transaction of the change they report.
 * Payloads carry public fields only: the job's id and type, its progress, its result or error.
 */
final class JobEvents {
    /** {@code questlog:sync_progress}. */
    record Progress(UUID job, String type, long done, long total) {}

    /** {@code questlog:sync_complete}. */
    record Complete(UUID job, String type, JsonNode result) {}

    /** {@code questlog:sync_failed}; a cancelled job reports the error {@code "cancelled"}. */
    record Failed(UUID job, String type, String error) {}

    static final String CANCELLED = "cancelled";

    private final EventLog events;

    JobEvents(EventLog events) {
        this.events = events;
    }

    void progress(Handle tx, UUID job, String type, long done, long total) {
        events.append(tx, EventTypes.SYNC_PROGRESS, new Progress(job, type, done, total));
    }

    void complete(Handle tx, UUID job, String type, JsonNode result) {
        events.append(tx, EventTypes.SYNC_COMPLETE, new Complete(job, type, result));
    }

    void failed(Handle tx, UUID job, String type, String error) {
        events.append(tx, EventTypes.SYNC_FAILED, new Failed(job, type, error));
    }
}
