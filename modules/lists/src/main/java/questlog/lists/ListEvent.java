package questlog.lists;

import java.util.List;

/**
 * The payload of {@code questlog:list_updated}: the list's slug (after the change), the verb of
 * its list_activity row (created, added, removed, reordered, updated; deleted for a deleted list)
 * and the game slugs that row names.
 */
record ListEvent(String list, String verb, List<String> entries) {}
