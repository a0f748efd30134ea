package questlog.lists;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/lists}: {@code name} is required; {@code slug} is made from the name when
 * absent (with a numeric suffix if taken); lists are unranked and public unless told otherwise.
 */
record CreateListRequest(@JsonProperty(required = true) String name, String slug, String description, Boolean isRanked, Boolean isPublic) {}
