package questlog.profiles.destiny;

import questlog.profiles.EnvValues;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the Destiny plugin reaches Bungie.net. Bungie allows about 25 requests a second per address,
 * averaged over 10 s; the default stays under it at 20 a second, 4 in flight. Post-game carnage
 * reports live on {@code stats.bungie.net}, the rest on {@code www.bungie.net}.
 *
 * @param apiKey        {@code BUNGIE_API_KEY}; without it the plugin is installed but every sync is a clear 503
 * @param baseUrl       {@code https://www.bungie.net/Platform/} ({@code BUNGIE_BASE_URL})
 * @param statsBaseUrl  {@code https://stats.bungie.net/Platform/} ({@code BUNGIE_STATS_BASE_URL})
 */
public record DestinySettings(Optional<String> apiKey, String baseUrl, String statsBaseUrl, Duration requestInterval,
                              int maxInFlight, int maxAttempts, Duration backoffMin, Duration backoffMax,
                              Duration callTimeout) {

    public static final String DEFAULT_BASE_URL = "https://www.bungie.net/Platform/";
    public static final String DEFAULT_STATS_BASE_URL = "https://stats.bungie.net/Platform/";

    public DestinySettings {
        Objects.requireNonNull(apiKey, "apiKey");
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        statsBaseUrl = statsBaseUrl.endsWith("/") ? statsBaseUrl : statsBaseUrl + "/";
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be positive");
        }
    }

    public static DestinySettings defaults(Optional<String> apiKey) {
        return new DestinySettings(apiKey, DEFAULT_BASE_URL, DEFAULT_STATS_BASE_URL, Duration.ofMillis(50), 4, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /**
     * From {@code BUNGIE_API_KEY}, {@code BUNGIE_BASE_URL}, {@code BUNGIE_STATS_BASE_URL} and
     * {@code BUNGIE_REQUEST_INTERVAL_MS} (null when unset).
     *
     * @throws IllegalArgumentException naming the variable that is not valid
     */
    public static DestinySettings fromEnvironment(Function<String, String> env) {
        DestinySettings defaults = defaults(Optional.ofNullable(EnvValues.secret(env, "BUNGIE_API_KEY")));
        long intervalMs = EnvValues.number(env, "BUNGIE_REQUEST_INTERVAL_MS", defaults.requestInterval().toMillis(),
                1, 60_000);
        return new DestinySettings(defaults.apiKey(), EnvValues.url(env, "BUNGIE_BASE_URL", DEFAULT_BASE_URL),
                EnvValues.url(env, "BUNGIE_STATS_BASE_URL", DEFAULT_STATS_BASE_URL), Duration.ofMillis(intervalMs),
                defaults.maxInFlight(), defaults.maxAttempts(), defaults.backoffMin(), defaults.backoffMax(),
                defaults.callTimeout());
    }

    public DestinySettings withRequestInterval(Duration interval) {
        return new DestinySettings(apiKey, baseUrl, statsBaseUrl, interval, maxInFlight, maxAttempts, backoffMin,
                backoffMax, callTimeout);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "DestinySettings[baseUrl=" + baseUrl + ", statsBaseUrl=" + statsBaseUrl + ", key "
                + (apiKey.isPresent() ? "set" : "unset") + ", requestInterval=" + requestInterval + "]";
    }
}
