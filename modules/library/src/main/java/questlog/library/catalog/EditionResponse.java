package questlog.library.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An edition in the canonical API: in a game's detail and as created by {@code POST /games/{slug}/editions}. */
public record EditionResponse(UUID id, UUID gameId, String name, String slug, String editionType, List<String> platforms,
                       LocalDate releaseDate, String coverUrl, String summary, Long igdbId, String twitchCategoryId,
                       Instant lastSyncedAt, Instant createdAt, Instant updatedAt) {

    public static EditionResponse from(Edition edition) {
        return new EditionResponse(edition.id(), edition.gameId(), edition.name(), edition.slug(),
                edition.editionType(), edition.platforms(), edition.releaseDate(), edition.coverUrl(),
                edition.summary(), edition.igdbId(), edition.twitchCategoryId(), edition.lastSyncedAt(),
                edition.createdAt(), edition.updatedAt());
    }
}
