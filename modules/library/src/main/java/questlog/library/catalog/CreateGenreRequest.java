package questlog.library.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import questlog.common.FieldErrors;

/** Body of {@code POST /genres}; {@code parent} is the slug of an existing genre. */
public record CreateGenreRequest(@JsonProperty(required = true) String name, String slug, Long igdbId, String parent) {

    public CreateGenreRequest {
        name = Inputs.text(name);
        slug = Inputs.text(slug);
        parent = Inputs.text(parent);
    }

    void validate() {
        new FieldErrors().check(name != null, "name", "is required").throwIfUnprocessable();
        var rules = new FieldErrors();
        Inputs.maxLength(rules, "name", name, Inputs.MAX_NAME_LENGTH);
        Inputs.slug(rules, "slug", slug);
        Inputs.positive(rules, "igdb_id", igdbId);
        rules.throwIfUnprocessable();
    }
}
