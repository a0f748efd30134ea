package questlog.library.igdb;

import java.time.Duration;
import java.util.Objects;

/**
 * How the IGDB client reaches IGDB and how politely. The defaults follow IGDB's documented limits
 * (4 requests per second, 8 open requests); tests point the URLs at a local server and shorten
 * the waits.
 *
 * @param requestInterval the least time between two request starts. IGDB counts 4 per second at its
 *        end; starts spaced 275 ms apart (not 250) keep any one-second window at 4 even when a
 *        request's arrival there is up to 100 ms later than the one four starts after it
 * @param maxAttempts tries per request, the first included, for 429, 5xx and timeouts
 * @param cacheTtl how long an answer is reused for the same query
 */
public record IgdbSettings(String clientId, String clientSecret, String baseUrl, String tokenUrl,
                           Duration requestInterval, int maxInFlight, int maxAttempts, Duration backoffMin,
                           Duration backoffMax, Duration callTimeout, Duration cacheTtl) {

    public static final String DEFAULT_BASE_URL = "https://api.igdb.com/v4/";
    public static final String DEFAULT_TOKEN_URL = "https://id.twitch.tv/oauth2/token";

    public IgdbSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be positive");
        }
    }

    /** IGDB's production endpoints and limits. */
    public static IgdbSettings defaults(String clientId, String clientSecret) {
        return new IgdbSettings(clientId, clientSecret, DEFAULT_BASE_URL, DEFAULT_TOKEN_URL, Duration.ofMillis(275), 8,
                5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(24));
    }

    public IgdbSettings withUrls(String newBaseUrl, String newTokenUrl) {
        return new IgdbSettings(clientId, clientSecret, newBaseUrl, newTokenUrl, requestInterval, maxInFlight,
                maxAttempts, backoffMin, backoffMax, callTimeout, cacheTtl);
    }

    public IgdbSettings withRetries(int newMaxAttempts, Duration newBackoffMin, Duration newBackoffMax) {
        return new IgdbSettings(clientId, clientSecret, baseUrl, tokenUrl, requestInterval, maxInFlight,
                newMaxAttempts, newBackoffMin, newBackoffMax, callTimeout, cacheTtl);
    }

    public IgdbSettings withCallTimeout(Duration newCallTimeout) {
        return new IgdbSettings(clientId, clientSecret, baseUrl, tokenUrl, requestInterval, maxInFlight, maxAttempts,
                backoffMin, backoffMax, newCallTimeout, cacheTtl);
    }

    public IgdbSettings withCacheTtl(Duration newCacheTtl) {
        return new IgdbSettings(clientId, clientSecret, baseUrl, tokenUrl, requestInterval, maxInFlight, maxAttempts,
                backoffMin, backoffMax, callTimeout, newCacheTtl);
    }
}
