package questlog.realtime;

import java.time.Instant;
import questlog.common.EventTypes;

/**
 * The stream's answer to a position past the end of the log: a consumer asked for events after
 * {@code requested_since}, but the log ends at {@code latest_id} (the database was restored from
 * a backup or reset since the consumer saw that id). The socket sends it as its first message,
 * then goes on with the events after {@code latest_id}; {@code GET /api/events} puts its payload
 * in the page's {@code reset} member. Shaped like an event envelope so that consumers that only
 * read {@code type} pass it by, but with {@code id} null: it is not stored, not an event, and not
 * a position to resume from ({@code payload.latest_id} is):
 * <pre>{@code {"id": null, "type": "questlog:stream_reset",
 *  "payload": {"latest_id": 120, "requested_since": 5000}, "timestamp": "2026-02-11T12:34:56.789Z"}}</pre>
 */
record StreamReset(Long id, String type, ResetPayload payload, String timestamp) {

    /** Where the log ends now, and what was asked for. */
    record ResetPayload(long latestId, long requestedSince) {}

    static StreamReset of(long latestId, long requestedSince, Instant now) {
        return new StreamReset(null, EventTypes.STREAM_RESET, new ResetPayload(latestId, requestedSince), Envelope.timestamp(now));
    }
}
