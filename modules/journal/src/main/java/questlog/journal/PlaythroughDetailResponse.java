package questlog.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/playthroughs/{id}}: a playthrough with its sessions, oldest first. */
record PlaythroughDetailResponse(UUID id, PlaythroughResponse.GameLink game, PlaythroughResponse.EditionLink edition,
                                 String platform, PlaythroughStatus status, LocalDate startedAt, LocalDate completedAt,
                                 Integer playtimeMinutes, BigDecimal playtimeHours, Integer rating,
                                 Completion completion, String notes, PlaythroughSource source, String sourceRef,
                                 int sessionCount, Instant createdAt, Instant updatedAt,
                                 List<PlaySessionResponse> sessions) {

    static PlaythroughDetailResponse from(PlaythroughResponse p, List<PlaySession> sessions) {
        return new PlaythroughDetailResponse(p.id(), p.game(), p.edition(), p.platform(), p.status(), p.startedAt(),
                p.completedAt(), p.playtimeMinutes(), p.playtimeHours(), p.rating(), p.completion(), p.notes(),
                p.source(), p.sourceRef(), p.sessionCount(), p.createdAt(), p.updatedAt(),
                sessions.stream().map(PlaySessionResponse::from).toList());
    }
}
