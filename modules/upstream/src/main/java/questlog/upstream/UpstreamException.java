package questlog.upstream;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why an upstream call failed, in terms a caller can act on. {@link UpstreamClient} retries the
 * {@linkplain #retryable() retryable} ones (rate limited, unavailable, timed out) and throws the
 * last one when its attempts or its time run out; the others end the call at once. Messages name
 * the upstream and are safe to show a user: never credentials, never the raw body.
 * A {@link ResponseCheck} throws these to turn an answer into a failure.
 */
public abstract sealed class UpstreamException extends RuntimeException {
    private final String upstream;
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    UpstreamException(String upstream, int status, boolean retryable, String message, Throwable cause,
                      Duration retryAfter) {
        super(message, cause);
        this.upstream = upstream;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The policy name of the upstream that failed. */
    public String upstream() {
        return upstream;
    }

    /** The HTTP status of the answer that was refused; empty when there was no answer. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** Whether another try may succeed; {@link UpstreamClient} retries only these. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The wait the upstream asked for before the next try ({@code Retry-After}, Bungie's
     * {@code ThrottleSeconds}), when it said; the retry then waits that long instead of the backoff.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The upstream has no such thing (HTTP 404, or an upstream-specific "unknown id"). */
    public static final class NotFound extends UpstreamException {
        public NotFound(String upstream, int status, String message) {
            super(upstream, status, false, message, null, null);
        }
    }

    /** The upstream refused the credentials or the access (401, 403, a bad API key). */
    public static final class BadCredentials extends UpstreamException {
        public BadCredentials(String upstream, int status, String message) {
            super(upstream, status, false, message, null, null);
        }
    }

    /**
     * The upstream asked to slow down (429, or an upstream-specific throttle answer), possibly
     * saying how long to wait. Retried after that wait, or after the backoff when it did not say.
     */
    public static final class RateLimited extends UpstreamException {
        public RateLimited(String upstream, int status, String message, Duration retryAfter) {
            this(upstream, status, true, message, retryAfter);
        }

        RateLimited(String upstream, int status, boolean retryable, String message, Duration retryAfter) {
            super(upstream, status, retryable, message, null, retryAfter);
        }
    }

    /**
     * The upstream could not be reached or answered that it cannot serve now (5xx, a refused
     * connection, maintenance). Retried (after its {@code Retry-After} when a 503 carried one)
     * unless built with {@code retryable = false}: a maintenance answer that will not end within
     * the retry time.
     */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String upstream, int status, String message, Throwable cause) {
            this(upstream, status, true, message, cause, null);
        }

        public Unavailable(String upstream, int status, boolean retryable, String message, Throwable cause,
                           Duration retryAfter) {
            super(upstream, status, retryable, message, cause, retryAfter);
        }
    }

    /** No answer within the call timeout (or the upstream's own 408). Retried. */
    public static final class Timeout extends UpstreamException {
        public Timeout(String upstream, int status, String message, Throwable cause) {
            super(upstream, status, true, message, cause, null);
        }
    }

    /** An answer that breaks the upstream's contract, or a refusal of the request itself (other 4xx). */
    public static final class BadResponse extends UpstreamException {
        public BadResponse(String upstream, int status, String message, Throwable cause) {
            super(upstream, status, false, message, cause, null);
        }
    }
}
