package questlog.lists;

/**
 * {@code PATCH /api/lists/{slug}}: present fields change, an explicit null clears the description
 * (name, slug and the flags cannot be cleared). Making a list ranked numbers its entries 1..n in
 * the order they were shown; making it unranked drops the positions.
 */
record UpdateListRequest(String name, String slug, String description, Boolean isRanked, Boolean isPublic) {}
