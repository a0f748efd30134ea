package questlog.journal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The payload of {@code questlog:playthrough_added}, {@code questlog:playthrough_started},
 * {@code questlog:playthrough_complete} and {@code questlog:playthrough_updated}: the playthrough's public fields as they are after the
 * change (before it, for a removal, which is a {@code playthrough_updated} with {@code deleted}
 * true). {@code game} is the game's slug, {@code work} its name, {@code edition} the edition's
 * name (null without one), {@code platform} the platform's display name and {@code platform_key}
 * its key.
 */
record PlaythroughEvent(UUID playthroughId, String game, String work, String edition, String platform,
                        String platformKey, PlaythroughStatus status, LocalDate startedAt, LocalDate completedAt, BigDecimal playtimeHours,
                        Integer rating, boolean deleted) {

    static PlaythroughEvent of(PlaythroughResponse p) {
        return of(p, false);
    }

    static PlaythroughEvent removed(PlaythroughResponse p) {
        return of(p, true);
    }

    private static PlaythroughEvent of(PlaythroughResponse p, boolean deleted) {
        return new PlaythroughEvent(p.id(), p.game().slug(), p.game().name(),
                p.edition() == null ? null : p.edition().name(), p.platform(), p.platformKey(), p.status(), p.startedAt(),
                p.completedAt(), p.playtimeHours(), p.rating(), deleted);
    }
}
