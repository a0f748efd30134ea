package questlog.upstream;

/**
 * Judges one upstream answer: returns normally to accept it, or throws an
 * {@link UpstreamException} to refuse it (a retryable one is retried). This is where an upstream's
 * own rules go without copying the machinery: Bungie's errors that come as HTTP 200 with an
 * {@code ErrorCode}, Path of Exile's rate-limit headers that slow the limiter down (through
 * {@link RateControl}), Steam's HTML 403 for a bad key. A plugin's check usually handles its
 * special cases, then hands the rest to {@link #STANDARD}:
 * <pre>{@code
 * ResponseCheck bungie = (response, rate) -> {
 *     BungieEnvelope.throttle(response).ifPresent(wait -> {
 *         throw new UpstreamException.RateLimited(response.upstream(), response.status(), "Bungie is throttling", wait);
 *     });
 *     ResponseCheck.STANDARD.check(response, rate);
 * };
 * }</pre>
 * Called once per answer, in the calling thread, before any retry is decided.
 */
@FunctionalInterface
public interface ResponseCheck {

    void check(UpstreamResponse response, RateControl rate);

    /**
     * HTTP statuses as most upstreams use them: 2xx accepted; 404 {@link UpstreamException.NotFound};
     * 401 and 403 {@link UpstreamException.BadCredentials}; 429 {@link UpstreamException.RateLimited}
     * with its {@code Retry-After}; 408 {@link UpstreamException.Timeout}; 5xx
     * {@link UpstreamException.Unavailable} (with a 503's {@code Retry-After}); anything else {@link UpstreamException.BadResponse}.
     */
    ResponseCheck STANDARD = (response, rate) -> {
        int status = response.status();
        String name = response.upstream();
        if (response.isSuccessful()) {
            return;
        }
        switch (status) {
            case 404 -> throw new UpstreamException.NotFound(name, status, name + " has no such resource (HTTP 404)");
            case 401, 403 -> throw new UpstreamException.BadCredentials(name, status,
                    name + " refused the credentials or the access (HTTP " + status + ")");
            case 408 -> throw new UpstreamException.Timeout(name, status, name + " answered 408 Request Timeout", null);
            case 429 -> throw new UpstreamException.RateLimited(name, status, name + " answered 429 Too Many Requests",
                    response.retryAfter().orElse(null));
            default -> {
                if (status >= 500) {
                    throw new UpstreamException.Unavailable(name, status, true, name + " answered HTTP " + status, null,
                            response.retryAfter().orElse(null));
                }
                throw new UpstreamException.BadResponse(name, status, name + " rejected the request (HTTP " + status + ")",
                        null);
            }
        }
    };

    /** Runs this check, then {@code next} if this one accepted. */
    default ResponseCheck andThen(ResponseCheck next) {
        return (response, rate) -> {
            check(response, rate);
            next.check(response, rate);
        };
    }
}
