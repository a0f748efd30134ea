package questlog.library.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import questlog.common.ApiEnum;
import questlog.common.FieldErrors;

/** One {@code {"source": "steam", "external_id": "292030"}} entry of a game request. */
public record ExternalIdInput(
        @JsonProperty(required = true) @ApiEnum({"igdb", "steam", "gog", "twitch", "xbox", "psn"}) String source,
        @JsonProperty(required = true) String externalId) {

    public ExternalIdInput {
        source = Inputs.text(source);
        externalId = Inputs.text(externalId);
    }

    void check(String prefix, FieldErrors missing, FieldErrors rules) {
        missing.check(source != null, prefix + "source", "is required");
        missing.check(externalId != null, prefix + "external_id", "is required");
        Inputs.oneOf(rules, prefix + "source", source, Inputs.EXTERNAL_SOURCES);
        Inputs.maxLength(rules, prefix + "external_id", externalId, Inputs.MAX_ID_LENGTH);
    }
}
