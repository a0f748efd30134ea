package questlog.common;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads PostgreSQL's SQLSTATE out of whatever JDBI or the driver threw (the SQLException is
 * usually a cause, sometimes several levels down), so that modules tell a unique violation or a
 * deadlock from a real failure the same way everywhere.
 */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";

    private SqlStates() {}

    /** The SQLSTATE of the first SQLException in the cause chain that has one. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The first SQLException in the cause chain that has a SQLSTATE, for its message or server details. */
    public static Optional<SQLException> exception(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    public static boolean is(Throwable failure, String state) {
        return of(failure).map(state::equals).orElse(false);
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return is(failure, UNIQUE_VIOLATION);
    }

    /** A failure that goes away when the transaction is tried again (deadlock, serialization failure). */
    public static boolean isRetryable(Throwable failure) {
        return of(failure).map(s -> s.equals(DEADLOCK_DETECTED) || s.equals(SERIALIZATION_FAILURE)).orElse(false);
    }
}
