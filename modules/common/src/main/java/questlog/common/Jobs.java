package questlog.common;

import java.util.UUID;

/**
 * Queues persistent background jobs (the jobs module runs them). A feature module takes a
 * {@code Jobs} in its constructor and submits work by type; the work itself is a
 * {@link JobHandler} the module hands to app, which registers it with the jobs module.
 */
public interface Jobs {

    /**
     * Queues one job of a registered type. The job row is committed before this returns, so the
     * answer can point a client at {@code GET /api/jobs/{id}} at once.
     *
     * @param type a {@link JobHandler#type()} known to the runner
     * @param params public fields only; serialised to JSON and handed back by {@link JobContext#params}
     * @throws IllegalArgumentException for a type no handler was registered for
     */
    JobRef submit(String type, Object params);

    /**
     * Like {@link #submit}, but at most one queued-or-running job exists per {@code type} and
     * {@code key}: while one does, this returns it (with {@link JobRef#existing()} true) instead
     * of queuing another. Safe when two callers race (a unique index decides).
     *
     * @param key what makes two jobs the same work, e.g. a game's id for a re-sync, or "all"
     */
    JobRef submitOnce(String type, String key, Object params);

    /** A queued job: its id and where its state can be read. */
    record JobRef(UUID id, String type, boolean existing) {
        /** The job's address in the HTTP API. */
        public String url() {
            return "/api/jobs/" + id;
        }
    }
}
