package questlog.library.catalog;

import java.util.List;
import java.util.UUID;

/**
 * The writable columns of a game, resolved to ids; what an insert or a full-row update binds.
 * Public only because JDBI binds its methods by reflection.
 */
public record GameValues(
        String name,
        String slug,
        String sortName,
        UUID franchiseId,
        UUID parentGameId,
        String relationshipType,
        UUID primaryGenreId,
        Integer originalReleaseYear,
        String summary,
        String coverUrl,
        List<String> platforms,
        Long igdbId) {

    public String[] platformArray() {
        return platforms.toArray(String[]::new);
    }

    GameValues withSlug(String newSlug) {
        return new GameValues(name, newSlug, sortName, franchiseId, parentGameId, relationshipType, primaryGenreId,
                originalReleaseYear, summary, coverUrl, platforms, igdbId);
    }
}
