package questlog.lists;

import java.time.Instant;
import java.util.UUID;

/** A stored list, with how many entries it has. */
public record GameList(UUID id, String slug, String name, String description, boolean isRanked, boolean isPublic,
                int entryCount, Instant createdAt, Instant updatedAt) {}
