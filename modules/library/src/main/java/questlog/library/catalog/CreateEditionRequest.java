package questlog.library.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import questlog.common.ApiEnum;
import questlog.common.FieldErrors;

/** Body of {@code POST /games/{slug}/editions}, and one entry of {@code editions} in {@code POST /games}. */
public record CreateEditionRequest(@JsonProperty(required = true) String name, String slug,
                                   @ApiEnum({"original", "port", "remaster", "enhanced", "remake", "definitive"}) String editionType, List<String> platforms,
                            LocalDate releaseDate, String coverUrl, String summary, Long igdbId,
                            String twitchCategoryId) {

    public CreateEditionRequest {
        name = Inputs.text(name);
        slug = Inputs.text(slug);
        editionType = Inputs.text(editionType) == null ? "original" : editionType;
        platforms = platforms == null ? List.of() : platforms;
        coverUrl = Inputs.text(coverUrl);
        summary = Inputs.text(summary);
        twitchCategoryId = Inputs.text(twitchCategoryId);
    }

    /** Missing values go to {@code missing} (a 400), broken rules to {@code rules} (a 422). */
    void check(String prefix, FieldErrors missing, FieldErrors rules) {
        missing.check(name != null, prefix + "name", "is required");
        Inputs.maxLength(rules, prefix + "name", name, Inputs.MAX_NAME_LENGTH);
        Inputs.maxLength(rules, prefix + "twitch_category_id", twitchCategoryId, Inputs.MAX_ID_LENGTH);
        Inputs.slug(rules, prefix + "slug", slug);
        Inputs.releaseDate(rules, prefix + "release_date", releaseDate);
        Inputs.oneOf(rules, prefix + "edition_type", editionType, Inputs.EDITION_TYPES);
        Inputs.slugList(rules, prefix + "platforms", platforms);
        Inputs.noRepeats(rules, prefix + "platforms", platforms);
        Inputs.positive(rules, prefix + "igdb_id", igdbId);
    }

    public void validate() {
        var missing = new FieldErrors();
        var rules = new FieldErrors();
        check("", missing, rules);
        missing.throwIfUnprocessable();
        rules.throwIfUnprocessable();
    }

    /** The edition every game gets when created without any: its name, slug base and platforms. */
    static CreateEditionRequest originalOf(String gameName, List<String> platforms) {
        return new CreateEditionRequest(gameName, null, "original", platforms, null, null, null, null, null);
    }
}
