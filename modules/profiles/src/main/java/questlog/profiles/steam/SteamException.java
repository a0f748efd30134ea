package questlog.profiles.steam;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a Steam call failed, in terms a caller can act on (and the profiles core maps to an HTTP
 * answer). Messages name what failed and are safe to show: never the key, never the raw body.
 */
public abstract sealed class SteamException extends RuntimeException {

    SteamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No such Steam account (an unknown id, a vanity name that does not resolve) or app. */
    public static final class NotFound extends SteamException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /**
     * The account exists but does not show this data: a private or friends-only profile, or game
     * details set to private. Steam answers those with HTTP 200 and an empty {@code response}
     * (owned and recent games) or a 403 with a JSON error (achievements).
     */
    public static final class PrivateProfile extends SteamException {
        public PrivateProfile(String message) {
            super(message, null);
        }
    }

    /** Steam refused the Web API key (its HTML 401/403 page): check {@code STEAM_API_KEY}. */
    public static final class BadCredentials extends SteamException {
        public BadCredentials(String message) {
            super(message, null);
        }
    }

    /** Steam kept answering 429 through every retry; {@code retryAfter} is its last ask, when it said. */
    public static final class RateLimited extends SteamException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Steam was unreachable, timed out or answered 5xx through every retry. */
    public static final class UpstreamDown extends SteamException {
        public UpstreamDown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An answer that is not what Steam's API promises: HTML where JSON was expected, a missing field. */
    public static final class BadResponse extends SteamException {
        public BadResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
