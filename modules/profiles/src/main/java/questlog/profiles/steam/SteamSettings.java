package questlog.profiles.steam;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Steam client reaches the Steam Web API and how politely. Steam documents only a daily
 * cap (100,000 calls per key); overshooting an undocumented burst limit gives 429s and, if those
 * are ignored, a 403 ban of the address for up to two days. So the defaults stay well below any
 * plausible burst limit: one request start every 250 ms, at most 4 in flight. Tests point
 * {@code baseUrl} at a local server and shorten the waits.
 *
 * @param apiKey the Web API key ({@code STEAM_API_KEY}), sent as the {@code key} query parameter
 * @param baseUrl {@code https://api.steampowered.com/} in production ({@code STEAM_API_BASE_URL})
 * @param maxAttempts tries per request, the first included, for 429, 5xx and timeouts
 */
public record SteamSettings(String apiKey, String baseUrl, Duration requestInterval, int maxInFlight, int maxAttempts,
                            Duration backoffMin, Duration backoffMax, Duration callTimeout) {

    public static final String DEFAULT_BASE_URL = "https://api.steampowered.com/";

    public SteamSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be positive");
        }
    }

    /** Steam's production endpoint and polite limits. */
    public static SteamSettings defaults(String apiKey) {
        return new SteamSettings(apiKey, DEFAULT_BASE_URL, Duration.ofMillis(250), 4, 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public SteamSettings withBaseUrl(String newBaseUrl) {
        return new SteamSettings(apiKey, newBaseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                callTimeout);
    }

    public SteamSettings withRequestInterval(Duration newInterval) {
        return new SteamSettings(apiKey, baseUrl, newInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                callTimeout);
    }

    public SteamSettings withRetries(int newMaxAttempts, Duration newBackoffMin, Duration newBackoffMax) {
        return new SteamSettings(apiKey, baseUrl, requestInterval, maxInFlight, newMaxAttempts, newBackoffMin,
                newBackoffMax, callTimeout);
    }

    public SteamSettings withCallTimeout(Duration newCallTimeout) {
        return new SteamSettings(apiKey, baseUrl, requestInterval, maxInFlight, maxAttempts, backoffMin, backoffMax,
                newCallTimeout);
    }

    /** Never shows the key (records print every component otherwise). */
    @Override
    public String toString() {
        return "SteamSettings[baseUrl=" + baseUrl + ", requestInterval=" + requestInterval + ", maxInFlight="
                + maxInFlight + ", maxAttempts=" + maxAttempts + "]";
    }
}
