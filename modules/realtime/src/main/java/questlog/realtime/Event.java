package questlog.realtime;

import java.time.Instant;

/**
 * One row of the event log; {@code payload} is its JSON text.
 * Public only because JDBI's constructor mapper needs it.
 */
public record Event(long id, String type, String payload, Instant createdAt) {}
