package questlog.common.dataset;

/**
 * A concurrent write collided with an import: it took a slug or an external id of the document
 * (a unique violation at commit), or the two waited for each other and the database stopped the
 * import (a deadlock). Nothing was written. A 409: trying again may succeed.
 */
public final class ImportConflictException extends RuntimeException {
    public ImportConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
