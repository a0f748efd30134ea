package questlog.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook row. {@code types} empty means every type; {@code lastEventId} is the delivery
 * cursor; {@code secret} is the stored form of the signing secret ({@link WebhookSecrets}), null
 * for a webhook whose deliveries are unsigned. Public only because JDBI's constructor mapper needs it.
 */
public record Webhook(UUID id, String url, List<String> types, String secret, String status, long lastEventId,
                      int consecutiveFailures, String lastError, Instant lastAttemptAt, Instant lastSuccessAt,
                      Instant nextAttemptAt, Instant pausedAt, Instant createdAt, Instant updatedAt) {

    static final String ACTIVE = "active";
    static final String PAUSED = "paused";

    boolean wants(String type) {
        return types.isEmpty() || types.contains(type);
    }
}
