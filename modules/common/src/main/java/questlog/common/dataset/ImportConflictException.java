package questlog.common.dataset;

import questlog.common.SqlStates;

/**
 * A concurrent write collided with an import: it took a slug or an external id of the document
 * (a unique violation at commit), or the two waited for each other or overlapped and the database
 * stopped the import (a deadlock, a serialization failure). Nothing was written. A 409: trying again may succeed.
 */
public final class ImportConflictException extends RuntimeException {
    public ImportConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What an import's failure, after its rollback, is to the caller: a conflict to try again
     * when another write collided with it (on the {@code input}: "document", "body"), else the
     * failure itself.
     */
    public static RuntimeException orFailure(RuntimeException failure, String input) {
        if (SqlStates.isUniqueViolation(failure)) {
            return new ImportConflictException("Another write took a slug or external id of the " + input
                    + " while it was being imported; nothing was written, try again", failure);
        }
        if (SqlStates.is(failure, SqlStates.DEADLOCK_DETECTED)) {
            // The import and another write each waited for a row or lock the other held.
            return new ImportConflictException("The import and a concurrent write were waiting for each other, "
                    + "and the database stopped the import; nothing was written, try again", failure);
        }
        if (SqlStates.isRetryable(failure)) {
            // A serialization failure (an import runs in read committed, so only from a caller's stricter level).
            return new ImportConflictException("A concurrent write changed what the import was reading, "
                    + "and the database stopped the import; nothing was written, try again", failure);
        }
        return failure;
    }
}
