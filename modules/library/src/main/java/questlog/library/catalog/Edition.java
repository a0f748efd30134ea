package questlog.library.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An edition row: one release of a game (the original, a port, a remaster...).
 * Public only because JDBI's constructor mapper needs it.
 */
public record Edition(
        UUID id,
        UUID gameId,
        String name,
        String slug,
        String editionType,
        List<String> platforms,
        LocalDate releaseDate,
        String coverUrl,
        String summary,
        Long igdbId,
        String twitchCategoryId,
        Instant lastSyncedAt,
        Instant createdAt,
        Instant updatedAt) {}
