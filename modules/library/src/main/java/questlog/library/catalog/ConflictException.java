package questlog.library.catalog;

import java.util.Map;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PSQLException;
import questlog.common.SqlStates;

/**
 * A write that collides with existing data (a taken slug, a duplicate IGDB or external id).
 * Services throw it; controllers answer 409 naming {@link #field()}. Unique violations raised by
 * PostgreSQL are mapped here by constraint name, so races end as a 409 too, never a 500.
 */
final class ConflictException extends RuntimeException {
    private record Meaning(String field, String message) {}

    private static final Map<String, Meaning> CONSTRAINTS = Map.of(
            "game_slug_key", new Meaning("slug", "another game already has this slug"),
            "game_igdb_id_key", new Meaning("igdb_id", "another game already has this IGDB id"),
            "edition_slug_key", new Meaning("slug", "another edition already has this slug"),
            "edition_igdb_id_key", new Meaning("igdb_id", "another edition already has this IGDB id"),
            "edition_twitch_category_id_key",
            new Meaning("twitch_category_id", "another edition already has this Twitch category id"),
            "external_id_source_external_id_key",
            new Meaning("external_id", "this source and id already belong to a game or edition"),
            "genre_igdb_id_key", new Meaning("igdb_id", "another genre already has this IGDB id"),
            "genre_slug_key", new Meaning("slug", "another genre already has this slug"),
            "franchise_slug_key", new Meaning("slug", "another franchise already has this slug"));

    /** References checked at the start of a request whose row a concurrent request then removed. */
    private static final String REMOVED = "was removed while this request ran; try again";
    private static final Map<String, Meaning> REFERENCES = Map.of(
            "game_franchise_id_fkey", new Meaning("franchise", REMOVED),
            "game_parent_game_id_fkey", new Meaning("parent_game", REMOVED),
            "game_primary_genre_id_fkey", new Meaning("primary_genre", REMOVED),
            "game_genre_genre_id_fkey", new Meaning("genres", REMOVED),
            "genre_parent_id_fkey", new Meaning("parent", REMOVED));

    private final String field;

    ConflictException(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    /**
     * The conflict a failed statement stands for (a unique violation, or a reference to a row
     * removed meanwhile), with {@code fieldPrefix} (such as {@code "editions[1]."}) put before
     * the field; any other failure is returned unchanged.
     */
    static RuntimeException translate(RuntimeException failure, String fieldPrefix) {
        if (SqlStates.exception(failure).orElse(null) instanceof PSQLException psql
                && psql.getServerErrorMessage() != null && psql.getServerErrorMessage().getConstraint() != null) {
            Map<String, Meaning> known = switch (psql.getSQLState()) {
                case SqlStates.UNIQUE_VIOLATION -> CONSTRAINTS;
                case SqlStates.FOREIGN_KEY_VIOLATION -> REFERENCES;
                default -> Map.of();
            };
            Meaning meaning = known.get(psql.getServerErrorMessage().getConstraint());
            if (meaning != null) {
                return new ConflictException(fieldPrefix + meaning.field(), meaning.message());
            }
        }
        return failure;
    }

    /**
     * Runs one transaction; a unique violation anywhere in it comes out as a conflict. Two
     * writers racing for the same slug and IGDB id can deadlock inside PostgreSQL's speculative
     * insertion; the loser is tried again (then it meets the winner's row as a plain conflict).
     */
    static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (RuntimeException failure) {
                if (attempt < 3 && SqlStates.isRetryable(failure)) {
                    continue;
                }
                throw translate(failure, "");
            }
        }
    }
}
