package questlog.library.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A franchise row: a family of games ("Final Fantasy").
 * Public only because JDBI's constructor mapper needs it.
 */
public record Franchise(UUID id, String name, String slug, Instant createdAt, Instant updatedAt) {}
