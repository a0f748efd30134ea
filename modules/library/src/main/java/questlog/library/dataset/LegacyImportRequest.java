package questlog.library.dataset;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import questlog.library.catalog.Edition;
import questlog.library.catalog.Franchise;
import questlog.library.compat.Work;

/**
 * The original Django Questlog's bulk import body, {@code {franchises, works, editions}}, with
 * the original's field names ({@code franchise_slug}, {@code work_slug}). {@code franchise} and
 * {@code work} are accepted as aliases, matching the names of the read API. A missing list is
 * empty; a missing {@code slug} is made from the name; {@code edition_type} defaults to
 * "original" as in the original.
 */
public record LegacyImportRequest(List<Franchise> franchises, List<Work> works, List<Edition> editions) {

    public LegacyImportRequest {
        franchises = franchises == null ? List.of() : franchises;
        works = works == null ? List.of() : works;
        editions = editions == null ? List.of() : editions;
    }

    public record Franchise(String name, String slug) {}

    public record Work(String name, String slug, @JsonAlias("franchise") String franchiseSlug, Integer originalReleaseYear) {}

    public record Edition(@JsonAlias("work") String workSlug, String name, String slug, String editionType, Long igdbId,
                   String twitchCategoryId, String coverUrl, String releaseDate, String summary, List<String> platforms,
                   JsonNode igdbData) {}
}
