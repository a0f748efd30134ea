package questlog.library;

import questlog.common.FieldErrors;

/** Body of {@code POST /franchises}. */
record CreateFranchiseRequest(String name, String slug) {

    CreateFranchiseRequest {
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
