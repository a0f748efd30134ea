package questlog.lists;

import java.time.Instant;
import java.util.UUID;
import questlog.common.GameLookup;

/**
 * A list entry: the original Questlog's {@code {id, work_id, work_name, work_slug, position,
 * notes}} plus {@code game} (the same game as {@code {id, slug, name}}) and {@code added_at}.
 */
record EntryResponse(UUID id, UUID workId, String workName, String workSlug, Integer position, String notes,
                     GameLink game, Instant addedAt) {

    record GameLink(UUID id, String slug, String name) {}

    static EntryResponse from(ListEntry e, GameLookup.GameRef game) {
        return new EntryResponse(e.id(), game.id(), game.name(), game.slug(), e.position(), e.notes(),
                new GameLink(game.id(), game.slug(), game.name()), e.addedAt());
    }
}
