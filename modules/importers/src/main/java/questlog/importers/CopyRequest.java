package questlog.importers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import questlog.common.ApiEnum;

/**
 * Body of {@code POST /api/import/questlog}: records of the original Questlog in the shapes of its
 * read API (what {@code GET /api/franchises}, {@code /api/genres}, {@code /api/works/{slug}},
 * {@code /api/lists/{slug}} and {@code /api/lists/{slug}/activity} answer), each section optional.
 * Works carry their editions; lists their entries and their activity (newest first, as served).
 */
record CopyRequest(List<Franchise> franchises, List<Genre> genres, List<Work> works, List<ListCopy> lists) {

    CopyRequest {
        franchises = franchises == null ? List.of() : franchises;
        genres = genres == null ? List.of() : genres;
        works = works == null ? List.of() : works;
        lists = lists == null ? List.of() : lists;
    }

    record Franchise(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) String name,
                     @JsonProperty(required = true) String slug) {}

    record Genre(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) String name,
                 @JsonProperty(required = true) String slug, Long igdbId, UUID parentId) {}

    record Work(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) String name,
                @JsonProperty(required = true) String slug, Franchise franchise, Integer originalReleaseYear,
                List<Edition> editions) {}

    record Edition(@JsonProperty(required = true) UUID id, UUID workId, @JsonProperty(required = true) String name,
                   @JsonProperty(required = true) String slug,
                   @ApiEnum({"original", "port", "remaster", "enhanced", "remake", "definitive"}) String editionType,
                   Long igdbId, String twitchCategoryId, String coverUrl, LocalDate releaseDate, String summary) {}

    record ListCopy(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) String slug,
                    @JsonProperty(required = true) String name, String description, boolean isRanked,
                    List<Entry> entries, List<OriginalListActivity> activity) {}

    record Entry(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) UUID workId, Integer position,
                 String notes) {}

    record OriginalListActivity(@JsonProperty(required = true) UUID id, @JsonProperty(required = true) Instant timestamp,
                    @ApiEnum({"created", "added", "removed", "reordered", "updated"}) String verb, List<String> entries,
                    JsonNode metadata) {}
}
