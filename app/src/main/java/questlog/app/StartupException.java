package questlog.app;

/**
 * The process cannot start for a reason the user can fix (the HTTP port is taken, the data
 * directory is in use or unusable, the database does not answer). The command line prints the
 * message as one line on stderr, without a stack trace, and exits with code 2.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
