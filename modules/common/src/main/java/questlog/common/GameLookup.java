package questlog.common;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Read-only lookups of games and editions, answered by the library module, for every other
 * module that refers to games (playthroughs, list entries, profiles). Every lookup runs on the
 * caller's {@link Handle}: inside the caller's transaction, without a second pooled connection.
 * Unknown slugs and ids are simply absent from the answers.
 * <p>
 * A module's own read may instead join the library's reference views, {@value #GAME_REF}
 * {@code (id, slug, name)} and {@value #EDITION_REF} {@code (id, slug, name, game_id)}, to have
 * its rows' games or editions in the same statement: one round trip instead of two, and one
 * snapshot without a transaction. Other modules read the library through these views, not its
 * tables (the one exception: the profiles match the library's external ids, which no view shows).
 */
public interface GameLookup {

    /** The view of every game's {@code id, slug, name}, for other modules' joins. */
    String GAME_REF = "game_ref";

    /** The view of every edition's {@code id, slug, name, game_id}, for other modules' joins. */
    String EDITION_REF = "edition_ref";

    /** A game as other modules show it. */
    record GameRef(UUID id, String slug, String name) {}

    /** An edition and the game it belongs to. */
    record EditionRef(UUID id, String slug, String name, UUID gameId) {}

    Optional<GameRef> game(Handle handle, String slug);

    /** The games with these slugs, by slug. */
    Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs);

    /** The games with these ids, by id. */
    Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids);

    Optional<EditionRef> edition(Handle handle, String slug);

    /** The editions with these slugs, by slug. */
    Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs);

    /** The editions with these ids, by id. */
    Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids);
}
