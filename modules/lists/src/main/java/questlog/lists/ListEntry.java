package questlog.lists;

import java.time.Instant;
import java.util.UUID;

/** A game's membership in a list; {@code position} is null in unranked lists. */
public record ListEntry(UUID id, UUID listId, UUID gameId, Integer position, String notes, Instant addedAt,
                 Instant createdAt, Instant updatedAt) {}
