package questlog.library.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A genre row; genres may nest one level under a parent ("JRPG" under "RPG").
 * Public only because JDBI's constructor mapper needs it.
 */
public record Genre(UUID id, String name, String slug, Long igdbId, UUID parentId, Instant createdAt, Instant updatedAt) {}
