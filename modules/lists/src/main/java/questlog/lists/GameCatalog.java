package questlog.lists;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What lists need to know about games, answered by the library module (app wires it). Every
 * lookup runs on the caller's {@link Handle}: inside the caller's transaction, without taking a
 * second pooled connection.
 */
public interface GameCatalog {

    /** A game as a list entry shows it. */
    record GameRef(UUID id, String slug, String name) {}

    Optional<GameRef> game(Handle handle, String slug);

    /** The games with these slugs, by slug; unknown slugs are absent from the map. */
    Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs);

    /** The games with these ids; ids of missing games are absent from the map. */
    Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids);
}
