package questlog.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * One member of a game's detail ({@code GET /api/games/{slug}}) that another module owns: the
 * journal's {@code playthroughs}, the lists' {@code lists}, the profiles'. A section is one SELECT
 * and a reader of its rows: the library sends every section's statement together with its own
 * (the whole detail is one round trip to the database, in autocommit: each statement sees what was
 * committed when it ran, as in a READ COMMITTED transaction), then hands each section its rows.
 * The member is a JSON array of {@code itemType}, which is also what the OpenAPI document shows.
 *
 * @param name     the JSON member, snake_case, unique across modules
 * @param itemType the record each item is written from (its schema is generated from it)
 * @param sql      the section's statement; it names the game's id {@value #GAME} and whether the
 *                 request may see private things {@value #PRIVATE} (a boolean), each as often as it
 *                 needs, and has no other parameters. It reads games and editions through
 *                 {@link GameLookup#GAME_REF} and {@link GameLookup#EDITION_REF}.
 * @param reader   reads the items from the statement's rows
 */
public record GameDetailSection<T>(String name, Class<T> itemType, String sql, Reader<T> reader) {
    /** The parameter of a section's statement that stands for the game's id (a uuid). */
    public static final String GAME = ":game";
    /** The parameter of a section's statement that says whether private things may show (a boolean). */
    public static final String PRIVATE = ":private";

    public GameDetailSection {
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(reader, "reader");
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a detail section's name is a snake_case JSON member: " + name);
        }
        var params = JdbcReads.named(sql).names();
        if (!Set.of("game", "private").containsAll(params)) {
            throw new IllegalArgumentException("a detail section's statement has only :game and :private as parameters: "
                    + params);
        }
    }

    /** Reads one game's items from the section's rows. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param rows        the statement's rows, before the first
         * @param handle      the detail's connection, for a further read the rows call for; read only
         * @param game        the game, as the library read it
         * @param seesPrivate whether the request may see private things (it carries a reading token)
         */
        List<T> read(ResultSet rows, Handle handle, GameLookup.GameRef game, boolean seesPrivate) throws SQLException;
    }

    /** Runs the section's statement alone for one game and reads its items (the library batches them instead). */
    public List<T> read(Handle handle, GameLookup.GameRef game, boolean seesPrivate) {
        var named = JdbcReads.named(sql);
        return JdbcReads.run(handle, named.sql(), named.params(Map.of("game", game.id(), "private", seesPrivate)),
                statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        return reader.read(rows, handle, game, seesPrivate);
                    }
                });
    }
}
