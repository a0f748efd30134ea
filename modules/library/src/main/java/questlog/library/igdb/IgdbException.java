package questlog.library.igdb;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an IGDB call failed, in terms a caller can act on. Messages are safe to show a user: they
 * never carry credentials or the raw upstream body.
 */
public abstract sealed class IgdbException extends RuntimeException {

    IgdbException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Twitch refused the client id or secret, or IGDB refused a freshly minted token. */
    public static final class BadCredentials extends IgdbException {
        public BadCredentials(String message) {
            super(message, null);
        }
    }

    /** IGDB kept answering 429 after every retry. */
    public static final class RateLimited extends IgdbException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        /** The wait IGDB asked for, when it said (it usually does not). */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** IGDB or Twitch could not be reached, timed out or answered 5xx, after every retry. */
    public static final class UpstreamDown extends IgdbException {
        public UpstreamDown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** IGDB answered, but not with what its API promises (malformed JSON, wrong shape, an error array). */
    public static final class BadResponse extends IgdbException {
        public BadResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** IGDB has no game with the id asked for. */
    public static final class NotFound extends IgdbException {
        public NotFound(String message) {
            super(message, null);
        }
    }
}
