package questlog.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A stored playthrough, as read from its row. {@code platformKey} is the platform's canonical
 * key, {@code platform} its display name. {@code playtimeTotal} is what the API shows: the
 * given {@code playtimeMinutes}, else the sum of the sessions, else null.
 */
public record Playthrough(UUID id, UUID gameId, UUID editionId, String platform, String platformKey, String status, LocalDate startedAt,
                   LocalDate completedAt, Integer playtimeMinutes, int sessionMinutes, int sessionCount,
                   Integer playtimeTotal, Integer rating, String completion, String notes, String source,
                   String sourceRef, Instant createdAt, Instant updatedAt) {

    /** The fields a user may set, as they stand now; the start of a PATCH. */
    PlaythroughValues values() {
        return new PlaythroughValues(editionId, platformKey, PlaythroughStatus.of(status), startedAt, completedAt,
                playtimeMinutes, rating, Completion.of(completion), notes, PlaythroughSource.of(source), sourceRef);
    }
}
