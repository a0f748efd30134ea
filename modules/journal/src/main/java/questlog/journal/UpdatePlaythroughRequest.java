package questlog.journal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code PATCH /api/playthroughs/{id}}: the fields present are changed, an explicit null clears
 * one (status and source cannot be cleared), absent fields stay as they are. The rules of a new
 * playthrough apply to the result.
 */
record UpdatePlaythroughRequest(String edition, String platform, PlaythroughStatus status, LocalDate startedAt,
                                LocalDate completedAt, Integer playtimeMinutes, BigDecimal playtimeHours,
                                Integer rating, Completion completion, String notes, PlaythroughSource source,
                                String sourceRef) {}
