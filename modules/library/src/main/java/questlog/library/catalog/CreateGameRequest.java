package questlog.library.catalog;

import java.util.List;
import questlog.common.ApiEnum;
import questlog.common.FieldErrors;

/**
 * Body of {@code POST /games}. References ({@code franchise}, {@code genres},
 * {@code primary_genre}, {@code parent_game}) are slugs of existing rows.
 */
public record CreateGameRequest(String name, String slug, String sortName, String franchise, List<String> genres,
                         String primaryGenre, Integer originalReleaseYear, String summary, String coverUrl,
                         List<String> platforms, Long igdbId, String parentGame,
                         @ApiEnum({"sequel", "prequel", "spinoff", "epilogue", "expansion"}) String relationshipType,
                         List<ExternalIdInput> externalIds, List<CreateEditionRequest> editions, String igdbQuery) {

    public CreateGameRequest {
        name = Inputs.text(name);
        slug = Inputs.text(slug);
        sortName = Inputs.text(sortName);
        franchise = Inputs.text(franchise);
        genres = genres == null ? List.of() : genres;
        primaryGenre = Inputs.text(primaryGenre);
        summary = Inputs.text(summary);
        coverUrl = Inputs.text(coverUrl);
        platforms = platforms == null ? List.of() : platforms;
        parentGame = Inputs.text(parentGame);
        relationshipType = Inputs.text(relationshipType);
        externalIds = externalIds == null ? List.of() : externalIds;
        editions = editions == null ? List.of() : editions;
        igdbQuery = Inputs.text(igdbQuery);
    }

    /** A request for manual metadata only (no IGDB query). */
    public CreateGameRequest(String name, String slug, String sortName, String franchise, List<String> genres,
                      String primaryGenre, Integer originalReleaseYear, String summary, String coverUrl,
                      List<String> platforms, Long igdbId, String parentGame, String relationshipType,
                      List<ExternalIdInput> externalIds, List<CreateEditionRequest> editions) {
        this(name, slug, sortName, franchise, genres, primaryGenre, originalReleaseYear, summary, coverUrl, platforms,
                igdbId, parentGame, relationshipType, externalIds, editions, null);
    }

    /**
     * Whether the game comes from IGDB: {@code igdb_query} is given, or {@code igdb_id} without a
     * {@code name}. With both a name and an igdb_id the game is made as given, the id recorded
     * (PUT /api/games/{slug}/sync fetches it later).
     */
    boolean fromIgdb() {
        return igdbQuery != null || igdbId != null && name == null;
    }

    /** This request for the IGDB game {@code igdbGameId} named {@code igdbName}: its own name wins. */
    CreateGameRequest withIgdb(String igdbName, long igdbGameId) {
        return new CreateGameRequest(name != null ? name : igdbName, slug, sortName, franchise, genres, primaryGenre,
                originalReleaseYear, summary, coverUrl, platforms, igdbGameId, parentGame, relationshipType,
                externalIds, editions, null);
    }

    /** Throws a 400 for missing values, then a 422 for values that break a rule. */
    public void validate() {
        var missing = new FieldErrors();
        var rules = new FieldErrors();
        missing.check(name != null || igdbId != null || igdbQuery != null, "name",
                "is required (or give igdb_id or igdb_query to take it from IGDB)");
        if (igdbQuery != null && igdbId != null) {
            rules.add("igdb_query", "give igdb_id or igdb_query, not both");
        }
        Inputs.maxLength(rules, "igdb_query", igdbQuery, Inputs.MAX_NAME_LENGTH);
        Inputs.maxLength(rules, "name", name, Inputs.MAX_NAME_LENGTH);
        Inputs.maxLength(rules, "sort_name", sortName, Inputs.MAX_NAME_LENGTH);
        Inputs.slug(rules, "slug", slug);
        Inputs.slugList(rules, "genres", genres);
        Inputs.noRepeats(rules, "genres", genres);
        Inputs.year(rules, "original_release_year", originalReleaseYear);
        Inputs.slugList(rules, "platforms", platforms);
        Inputs.noRepeats(rules, "platforms", platforms);
        Inputs.positive(rules, "igdb_id", igdbId);
        Inputs.oneOf(rules, "relationship_type", relationshipType, Inputs.RELATIONSHIP_TYPES);
        if ((parentGame == null) != (relationshipType == null)) {
            rules.add(parentGame == null ? "parent_game" : "relationship_type",
                    "parent_game and relationship_type are given together or not at all");
        }
        for (int i = 0; i < externalIds.size(); i++) {
            if (externalIds.get(i) == null) {
                missing.add("external_ids[" + i + "]", "must be an object");
            } else {
                externalIds.get(i).check("external_ids[" + i + "].", missing, rules);
            }
        }
        for (int i = 0; i < editions.size(); i++) {
            if (editions.get(i) == null) {
                missing.add("editions[" + i + "]", "must be an object");
            } else {
                editions.get(i).check("editions[" + i + "].", missing, rules);
            }
        }
        missing.throwIfUnprocessable();
        rules.throwIfUnprocessable();
    }
}
