package questlog.library.compat;

import java.util.UUID;

/**
 * A game as the original API's works show it: only the columns those answers hold, so that a
 * page of 2,000 works reads and maps a fraction of what full game rows would cost.
 * Public only because JDBI's constructor mapper needs it.
 */
public record Work(UUID id, String name, String slug, UUID franchiseId, String franchiseName, String franchiseSlug,
                   Integer originalReleaseYear) {}
