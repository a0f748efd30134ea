package questlog.profiles;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import questlog.upstream.UpstreamException;

/**
 * Why a plugin could not resolve a handle or fetch a snapshot. The core answers each reason with
 * one HTTP status (and records the message as the profile's {@code sync_error} when a sync fails):
 * messages are shown to users, so they name the service and never carry credentials or raw bodies.
 */
public final class ProfileException extends RuntimeException {

    /** The reasons, each with the HTTP status the core answers it with. */
    public enum Reason {
        /** The handle cannot be one (wrong form): 422 on the {@code handle} field. */
        INVALID_HANDLE(422),
        /** The service refused what the owner gave (an authorization code that is invalid, expired or used): 400. */
        REFUSED(400),
        /** The service knows no such player: 404. */
        NOT_FOUND(404),
        /** The player's profile (or the part asked for) is private: 403. */
        PRIVATE(403),
        /** The service asks us to slow down: 429, with {@code Retry-After} when it said how long. */
        RATE_LIMITED(429),
        /** The service is down, in maintenance, or refuses Questlog's credentials: 503. */
        UPSTREAM_DOWN(503),
        /** The service answered something that breaks its contract (HTML instead of JSON, a missing field): 502. */
        BAD_RESPONSE(502);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public ProfileException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public ProfileException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the service asked us to wait, when it said (rate limits, maintenance). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The reason an upstream HTTP failure stands for: not found 404, refused credentials and
     * unreachable or failing upstreams 503, rate limits 429, timeouts 503, contract breaks 502.
     * A plugin maps its service's special answers (a private profile, an unknown name in a 200)
     * itself, before this.
     */
    public static ProfileException from(UpstreamException e) {
        Reason reason = switch (e) {
            case UpstreamException.NotFound ignored -> Reason.NOT_FOUND;
            case UpstreamException.RateLimited ignored -> Reason.RATE_LIMITED;
            case UpstreamException.BadResponse ignored -> Reason.BAD_RESPONSE;
            case UpstreamException.BadCredentials ignored -> Reason.UPSTREAM_DOWN;
            case UpstreamException.Unavailable ignored -> Reason.UPSTREAM_DOWN;
            case UpstreamException.Timeout ignored -> Reason.UPSTREAM_DOWN;
        };
        String message = e instanceof UpstreamException.BadCredentials
                ? e.upstream() + " refused Questlog's API key or access: check the key in the configuration"
                : e.getMessage();
        return new ProfileException(reason, message, e.retryAfter().orElse(null), e);
    }
}
