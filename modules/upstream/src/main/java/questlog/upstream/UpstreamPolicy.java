package questlog.upstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How one upstream is reached and how politely: everything an {@link UpstreamClient} needs, so each
 * upstream is configured in one place and tests shorten the waits.
 *
 * @param name shown in messages, logs and metrics ("IGDB", "Steam", "Bungie")
 * @param baseUrl the URL request paths are resolved against; a trailing slash is added
 * @param requestInterval the least time between two request starts, whatever the number of threads
 *        (250 ms is 4 per second); a {@link ResponseCheck} may widen it at run time, never narrow it
 * @param maxInFlight requests open at once; more wait for a slot
 * @param maxAttempts tries per request, the first included, for 429, 5xx and timeouts
 * @param backoffMin the wait before the first retry; doubles per retry up to {@code backoffMax}
 * @param maxRetrying no new try starts after this long, so a caller waiting on a down upstream ends
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer asks are cut to this
 * @param callTimeout one HTTP exchange, connection and body included; also the read timeout
 * @param connectTimeout establishing a connection
 * @param maxQueueWait how long a request may wait for a slot and a start before it fails as rate limited
 * @param userAgent the {@code User-Agent} of every request (some upstreams, e.g. Path of Exile, require a
 *        specific form)
 * @param headers sent with every request (e.g. {@code X-API-Key}); a request's own header of the same
 *        name wins
 */
public record UpstreamPolicy(String name, String baseUrl, Duration requestInterval, int maxInFlight, int maxAttempts,
                             Duration backoffMin, Duration backoffMax, Duration maxRetrying, Duration maxRetryAfter,
                             Duration callTimeout, Duration connectTimeout, Duration maxQueueWait, String userAgent,
                             Map<String, String> headers) {

    public static final String DEFAULT_USER_AGENT = "Questlog/0.1 (self-hosted gaming journal)";

    public UpstreamPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        if (HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
        }
        if (!isPositive(requestInterval) || !isPositive(backoffMin) || !isPositive(backoffMax)
                || !isPositive(maxRetrying) || !isPositive(maxRetryAfter) || !isPositive(callTimeout)
                || !isPositive(connectTimeout) || !isPositive(maxQueueWait)) {
            throw new IllegalArgumentException("every duration of an upstream policy must be positive");
        }
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be positive");
        }
        Objects.requireNonNull(userAgent, "userAgent");
        headers = Map.copyOf(headers);
    }

    /**
     * Defaults for a public API: 10 requests per second, 8 in flight, 5 attempts with backoff from
     * 1 s to 30 s, retries for at most a minute, 30 s per exchange.
     */
    public static UpstreamPolicy of(String name, String baseUrl) {
        return new UpstreamPolicy(name, baseUrl, Duration.ofMillis(100), 8, 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMinutes(30), DEFAULT_USER_AGENT, Map.of());
    }

    public UpstreamPolicy withBaseUrl(String newBaseUrl) {
        return new UpstreamPolicy(name, newBaseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, headers);
    }

    /** At most one request start per {@code interval}. */
    public UpstreamPolicy withRequestInterval(Duration interval) {
        return new UpstreamPolicy(name, baseUrl, interval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, headers);
    }

    /** At most {@code perSecond} request starts a second, evenly spaced. */
    public UpstreamPolicy withRequestsPerSecond(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive");
        }
        return withRequestInterval(Duration.ofNanos((long) Math.ceil(1_000_000_000L / perSecond)));
    }

    public UpstreamPolicy withMaxInFlight(int newMaxInFlight) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, newMaxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, headers);
    }

    public UpstreamPolicy withRetries(int newMaxAttempts, Duration newBackoffMin, Duration newBackoffMax) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, newMaxAttempts, newBackoffMin,
                newBackoffMax, maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent,
                headers);
    }

    public UpstreamPolicy withMaxRetrying(Duration newMaxRetrying) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                newMaxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, headers);
    }

    public UpstreamPolicy withMaxRetryAfter(Duration newMaxRetryAfter) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, newMaxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, headers);
    }

    public UpstreamPolicy withTimeouts(Duration newCallTimeout, Duration newConnectTimeout) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, newCallTimeout, newConnectTimeout, maxQueueWait, userAgent, headers);
    }

    public UpstreamPolicy withMaxQueueWait(Duration newMaxQueueWait) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, newMaxQueueWait, userAgent, headers);
    }

    public UpstreamPolicy withUserAgent(String newUserAgent) {
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, newUserAgent, headers);
    }

    /** Adds (or replaces) a header sent with every request. */
    public UpstreamPolicy withHeader(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new UpstreamPolicy(name, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                maxRetrying, maxRetryAfter, callTimeout, connectTimeout, maxQueueWait, userAgent, more);
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
