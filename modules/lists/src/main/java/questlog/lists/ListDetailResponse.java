package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/lists/{slug}}: the original Questlog's {@code {id, slug, name, description,
 * is_ranked, entries}} plus {@code is_public}, {@code entry_count} and the timestamps. Entries
 * come by position (unranked ones have none), then newest first.
 */
record ListDetailResponse(UUID id, String slug, String name, String description, boolean isRanked, boolean isPublic,
                          int entryCount, Instant createdAt, Instant updatedAt, List<EntryResponse> entries) {

    static ListDetailResponse from(GameList l, List<EntryResponse> entries) {
        return new ListDetailResponse(l.id(), l.slug(), l.name(), l.description(), l.isRanked(), l.isPublic(),
                entries.size(), l.createdAt(), l.updatedAt(), entries);
    }
}
