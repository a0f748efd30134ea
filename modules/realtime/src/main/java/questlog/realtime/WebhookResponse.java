package questlog.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook as the API shows it: never its secret, only whether it has one ({@code signed}).
 * {@code status} is {@code active} or {@code paused} (after repeated failures, with
 * {@code last_error}); {@code last_event_id} is the last event delivered or skipped by type.
 */
record WebhookResponse(UUID id, String url, List<String> types, boolean signed, String status, long lastEventId,
                       int consecutiveFailures, String lastError, Instant lastAttemptAt, Instant lastSuccessAt,
                       Instant nextAttemptAt, Instant pausedAt, Instant createdAt, Instant updatedAt) {

    static WebhookResponse from(Webhook w) {
        return new WebhookResponse(w.id(), w.url(), w.types(), w.secret() != null, w.status(), w.lastEventId(),
                w.consecutiveFailures(), w.lastError(), w.lastAttemptAt(), w.lastSuccessAt(), w.nextAttemptAt(),
                w.pausedAt(), w.createdAt(), w.updatedAt());
    }
}
