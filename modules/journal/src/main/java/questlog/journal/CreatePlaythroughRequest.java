package questlog.journal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code POST /api/games/{slug}/playthroughs}. Every field is optional. {@code edition} is an
 * edition slug of the same game. Playtime is given in minutes or in hours (decimals allowed),
 * not both. Without a status, a playthrough with {@code completed_at} is completed, one with
 * {@code started_at} is playing, any other is planned.
 */
record CreatePlaythroughRequest(String edition, String platform, PlaythroughStatus status, LocalDate startedAt,
                                LocalDate completedAt, Integer playtimeMinutes, BigDecimal playtimeHours,
                                Integer rating, Completion completion, String notes, PlaythroughSource source,
                                String sourceRef) {

    /** The same fields as a change, which the service applies to an empty playthrough. */
    UpdatePlaythroughRequest asUpdate() {
        return new UpdatePlaythroughRequest(edition, platform, status, startedAt, completedAt, playtimeMinutes,
                playtimeHours, rating, completion, notes, source, sourceRef);
    }
}
