package questlog.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import questlog.common.GameLookup;

/**
 * A playthrough on the wire. {@code platform} is the platform's display name and
 * {@code platform_key} its canonical key ("PlayStation 4", "ps4"). {@code playtime_minutes} is the given playtime, else the sum of the
 * sessions; {@code playtime_hours} is the same in hours with one decimal.
 */
record PlaythroughResponse(UUID id, GameLink game, EditionLink edition, String platform, String platformKey,
                           PlaythroughStatus status,
                           LocalDate startedAt, LocalDate completedAt, Integer playtimeMinutes,
                           BigDecimal playtimeHours, Integer rating, Completion completion, String notes,
                           PlaythroughSource source, String sourceRef, int sessionCount, Instant createdAt,
                           Instant updatedAt) {

    record GameLink(UUID id, String slug, String name) {}

    record EditionLink(UUID id, String slug, String name) {}

    static PlaythroughResponse from(Playthrough p, GameLookup.GameRef game, GameLookup.EditionRef edition) {
        return new PlaythroughResponse(p.id(), new GameLink(game.id(), game.slug(), game.name()),
                edition == null ? null : new EditionLink(edition.id(), edition.slug(), edition.name()),
                p.platform(), p.platformKey(), PlaythroughStatus.of(p.status()), p.startedAt(), p.completedAt(), p.playtimeTotal(),
                Playtime.hours(p.playtimeTotal()), p.rating(), Completion.of(p.completion()), p.notes(),
                PlaythroughSource.of(p.source()), p.sourceRef(), p.sessionCount(), p.createdAt(), p.updatedAt());
    }
}
