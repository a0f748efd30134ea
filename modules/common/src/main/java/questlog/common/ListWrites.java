package questlog.common;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup.GameRef;

/**
 * What an importer may ask of the lists module on the caller's {@link Handle}, inside the
 * caller's transaction: lists by slug, their games, creating a list and appending entries, each
 * change with its history row. Answered by the lists module.
 */
public interface ListWrites {

    record ListRef(UUID id, String slug, String name, boolean ranked) {}

    record CopiedEntry(UUID id, UUID gameId, Integer position, String notes) {}

    /** A history row; {@code metadata} is a JSON object's text. */
    record CopiedActivity(UUID id, java.time.Instant at, String verb, List<String> entries, String metadata) {}

    record CopiedList(UUID id, String slug, String name, String description, boolean ranked,
                      List<CopiedEntry> entries, List<CopiedActivity> activity) {}

    /**
     * Writes lists of another Questlog keeping their ids: each list (public when new) with exactly
     * these entries (by id; others removed) and exactly this history (rows by id, oldest first; a
     * copied list's history is the original's, not the copy's own). Unchanged lists are left
     * alone; a {@code list_updated} event goes to {@code events} for each public list created or
     * changed. A slug held by another list, or a game that does not exist, is a 422.
     */
    CopyCounts copy(Handle handle, List<CopiedList> lists, CollectedEvents events);

    Map<String, ListRef> listsBySlug(Handle handle, Collection<String> slugs);

    /** The games a list holds. */
    Set<UUID> gameIds(Handle handle, UUID listId);

    /** Creates a public list under {@code slug}; its {@code created} history row and event (to {@code events}). */
    ListRef create(Handle handle, String name, String slug, boolean ranked, CollectedEvents events);

    /**
     * Appends the games at the end of the list, in order (positions n+1.. in a ranked list), under
     * the list's row lock; one {@code added} history row and event (to {@code events}).
     */
    void append(Handle handle, ListRef list, List<GameRef> games, CollectedEvents events);
}
