package questlog.library;

import java.sql.SQLException;

/**
 * An import collided with a concurrent write: a slug or external id that the checks saw free was
 * taken before the import's rows went in. Nothing was written; trying again gives a precise
 * answer. The controller turns it into a 409.
 */
public final class ImportConflictException extends RuntimeException {
    private static final String UNIQUE_VIOLATION = "23505";

    public ImportConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code e} (or a cause) is PostgreSQL's unique violation. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
