package questlog.library.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import questlog.common.FieldErrors;

/** Body of {@code POST /franchises}. */
public record CreateFranchiseRequest(@JsonProperty(required = true) String name, String slug) {

    public CreateFranchiseRequest {
        name = Inputs.text(name);
        slug = Inputs.text(slug);
    }

    void validate() {
        new FieldErrors().check(name != null, "name", "is required").throwIfUnprocessable();
        var rules = new FieldErrors();
        Inputs.maxLength(rules, "name", name, Inputs.MAX_NAME_LENGTH);
        Inputs.slug(rules, "slug", slug);
        rules.throwIfUnprocessable();
    }
}
