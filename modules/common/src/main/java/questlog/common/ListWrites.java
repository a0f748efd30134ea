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

    Map<String, ListRef> listsBySlug(Handle handle, Collection<String> slugs);

    /** The games a list holds. */
    Set<UUID> gameIds(Handle handle, UUID listId);

    /** Creates a public list under {@code slug}; its {@code created} history row and event (to {@code events}). */
    ListRef create(Handle handle, String name, String slug, boolean ranked, PendingEvents events);

    /**
     * Appends the games at the end of the list, in order (positions n+1.. in a ranked list), under
     * the list's row lock; one {@code added} history row and event (to {@code events}).
     */
    void append(Handle handle, ListRef list, List<GameRef> games, PendingEvents events);
}
