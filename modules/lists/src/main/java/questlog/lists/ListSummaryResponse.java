package questlog.lists;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of {@code GET /api/lists}: the original Questlog's {@code {id, slug, name,
 * description, is_ranked, entry_count}} plus {@code is_public} and the timestamps.
 */
record ListSummaryResponse(UUID id, String slug, String name, String description, boolean isRanked, boolean isPublic,
                           int entryCount, Instant createdAt, Instant updatedAt) {

    static ListSummaryResponse from(GameList l) {
        return new ListSummaryResponse(l.id(), l.slug(), l.name(), l.description(), l.isRanked(), l.isPublic(),
                l.entryCount(), l.createdAt(), l.updatedAt());
    }
}
