package questlog.journal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What the journal needs to know about games and editions, answered by the library module
 * (app wires it). Every lookup runs on the caller's {@link Handle}, so it sees the same
 * transaction and never needs a second pooled connection.
 */
public interface GameCatalog {

    /** A game as the journal shows it. */
    record GameRef(UUID id, String slug, String name) {}

    /** An edition and the game it belongs to. */
    record EditionRef(UUID id, String slug, String name, UUID gameId) {}

    Optional<GameRef> game(Handle handle, String slug);

    /** The games with these slugs, by slug; unknown slugs are absent from the map. */
    Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs);

    /** The games with these ids; ids of missing games are absent from the map. */
    Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids);

    Optional<EditionRef> edition(Handle handle, String slug);

    /** The editions with these slugs, by slug; unknown slugs are absent from the map. */
    Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs);

    /** The editions with these ids; ids of missing editions are absent from the map. */
    Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids);
}
