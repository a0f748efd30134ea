package questlog.journal;

import java.time.Instant;
import java.util.UUID;

/** One stretch of play logged against a playthrough. */
public record PlaySession(UUID id, UUID playthroughId, Instant startedAt, int minutes, String note, Instant createdAt) {}
