package questlog.library.catalog;

import java.util.List;
import java.util.Set;
import questlog.common.ApiEnum;
import questlog.common.Bodies;
import questlog.common.FieldErrors;

/**
 * Body of {@code PATCH /games/{slug}}: the fields of a game, each optional. A field left out
 * stays as it is; a field sent as {@code null} (or {@code ""}) is cleared. Jackson cannot tell
 * those apart in a record, so {@link #read} also keeps the names of the fields that were sent.
 */
public record UpdateGameRequest(String name, String slug, String sortName, String franchise, List<String> genres,
                         String primaryGenre, Integer originalReleaseYear, String summary, String coverUrl,
                         List<String> platforms, Long igdbId, String parentGame,
                         @ApiEnum({"sequel", "prequel", "spinoff", "epilogue", "expansion"}) String relationshipType,
                         List<ExternalIdInput> externalIds) {

    public UpdateGameRequest {
        name = Inputs.text(name);
        slug = Inputs.text(slug);
        sortName = Inputs.text(sortName);
        franchise = Inputs.text(franchise);
        primaryGenre = Inputs.text(primaryGenre);
        summary = Inputs.text(summary);
        coverUrl = Inputs.text(coverUrl);
        parentGame = Inputs.text(parentGame);
        relationshipType = Inputs.text(relationshipType);
    }

    /** The values plus which JSON fields were present (snake_case names). */
    public record Patch(UpdateGameRequest values, Set<String> fields) {
        boolean has(String field) {
            return fields.contains(field);
        }
    }

    /** Validates a body read strictly ({@link Bodies}): a 422 for values that break a rule or clear what cannot be cleared. */
    public static Patch read(Bodies.Read<UpdateGameRequest> body) {
        var patch = new Patch(body.value(), Set.copyOf(body.present()));
        body.value().validate(patch);
        return patch;
    }

    private void validate(Patch patch) {
        var rules = new FieldErrors();
        rules.check(!patch.has("name") || name != null, "name", "cannot be cleared");
        rules.check(!patch.has("slug") || slug != null, "slug", "cannot be cleared");
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
        if (externalIds != null) {
            var missing = new FieldErrors();
            for (int i = 0; i < externalIds.size(); i++) {
                if (externalIds.get(i) == null) {
                    missing.add("external_ids[" + i + "]", "must be an object");
                } else {
                    externalIds.get(i).check("external_ids[" + i + "].", missing, rules);
                }
            }
            missing.throwIfUnprocessable();
        }
        rules.throwIfUnprocessable();
    }
}
