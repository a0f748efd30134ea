package questlog.library.compat;

import java.time.LocalDate;
import java.util.UUID;
import questlog.library.catalog.Edition;

/** An edition in the compatibility API ({@code /editions}, and inside a work): exactly the original's fields. */
public record WorkEditionResponse(UUID id, UUID workId, String name, String slug, String editionType, Long igdbId,
                           String twitchCategoryId, String coverUrl, LocalDate releaseDate, String summary) {

    static WorkEditionResponse from(Edition edition) {
        return new WorkEditionResponse(edition.id(), edition.gameId(), edition.name(), edition.slug(),
                edition.editionType(), edition.igdbId(), edition.twitchCategoryId(), edition.coverUrl(),
                edition.releaseDate(), edition.summary());
    }
}
