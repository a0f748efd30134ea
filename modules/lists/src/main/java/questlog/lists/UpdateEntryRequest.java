package questlog.lists;

/**
 * {@code PATCH /api/lists/{slug}/entries/{game}}: a new {@code position} (1 to n) moves the entry
 * in a ranked list, the entries in between shifting by one (unranked lists ignore it);
 * {@code notes} replaces the notes (null or empty clears them).
 */
record UpdateEntryRequest(Integer position, String notes) {}
