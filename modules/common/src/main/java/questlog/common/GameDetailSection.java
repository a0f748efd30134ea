package questlog.common;

import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * One member of a game's detail ({@code GET /api/games/{slug}}) that another module owns: the
 * journal's {@code playthroughs}, the lists' {@code lists}, the profiles'. The library reads the
 * game once and asks each section for its items on the same connection (in autocommit: each
 * statement sees what was committed when it ran, as in a READ COMMITTED transaction); the member is
 * a JSON array of {@code itemType}, which is also what the OpenAPI document shows for it.
 *
 * @param name     the JSON member, snake_case, unique across modules
 * @param itemType the record each item is written from (its schema is generated from it)
 * @param reader   reads the items for one game
 */
public record GameDetailSection<T>(String name, Class<T> itemType, Reader<T> reader) {

    public GameDetailSection {
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(reader, "reader");
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a detail section's name is a snake_case JSON member: " + name);
        }
    }

    /** Reads one game's items. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param handle      the detail's connection; read only
         * @param game        the game, already read by the library
         * @param seesPrivate whether the request may see private things (it carries a reading token)
         */
        List<T> read(Handle handle, GameLookup.GameRef game, boolean seesPrivate);
    }

    public List<T> read(Handle handle, GameLookup.GameRef game, boolean seesPrivate) {
        return reader.read(handle, game, seesPrivate);
    }
}
