package questlog.library.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A game row read with the names and slugs of what it points at (franchise, primary genre,
 * parent game), so a page of games needs no further lookups for them.
 * Public only because JDBI's constructor mapper needs it.
 */
public record Game(
        UUID id,
        String name,
        String slug,
        String sortName,
        UUID franchiseId,
        String franchiseName,
        String franchiseSlug,
        UUID primaryGenreId,
        String primaryGenreName,
        String primaryGenreSlug,
        UUID parentGameId,
        String parentGameName,
        String parentGameSlug,
        String relationshipType,
        Integer originalReleaseYear,
        String summary,
        String coverUrl,
        List<String> platforms,
        Long igdbId,
        Instant lastSyncedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The writable columns as they stand, the starting point of a partial update. */
    GameValues values() {
        return new GameValues(name, slug, sortName, franchiseId, parentGameId, relationshipType, primaryGenreId,
                originalReleaseYear, summary, coverUrl, platforms, igdbId);
    }
}
