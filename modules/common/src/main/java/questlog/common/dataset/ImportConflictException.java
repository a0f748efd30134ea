package questlog.common.dataset;

/**
 * A concurrent write took a slug or an external id of the document while it was being imported
 * (a unique violation at commit); nothing was written. A 409: trying again may succeed.
 */
public final class ImportConflictException extends RuntimeException {
    public ImportConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
