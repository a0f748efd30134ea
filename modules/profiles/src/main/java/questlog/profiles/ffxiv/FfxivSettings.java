package questlog.profiles.ffxiv;

import questlog.profiles.EnvValues;
import java.time.Duration;
import java.util.function.Function;
import java.util.Objects;

/**
 * How the FFXIV plugin reaches the Lodestone and FFXIV Collect, and how politely. Neither
 * documents a read limit; Square Enix blocks addresses that scrape the Lodestone hard, and
 * community parsers keep to about one page a second, so the default is one request start a second
 * per host, one at a time. Tests point the base URLs at a local server and shorten the waits.
 *
 * @param lodestoneBaseUrl {@code https://na.finalfantasyxiv.com/} ({@code LODESTONE_BASE_URL}); the
 *        region only changes the pages' language, and the parser reads the English pages
 * @param collectBaseUrl {@code https://ffxivcollect.com/api/} ({@code FFXIVCOLLECT_BASE_URL})
 * @param requestInterval the least time between two request starts to one host
 * @param maxAttempts tries per request, the first included, for 429, 5xx and timeouts
 */
public record FfxivSettings(String lodestoneBaseUrl, String collectBaseUrl, Duration requestInterval,
                            int maxAttempts, Duration backoffMin, Duration backoffMax, Duration callTimeout) {

    public static final String DEFAULT_LODESTONE_BASE_URL = "https://na.finalfantasyxiv.com/";
    public static final String DEFAULT_COLLECT_BASE_URL = "https://ffxivcollect.com/api/";

    public FfxivSettings {
        Objects.requireNonNull(lodestoneBaseUrl, "lodestoneBaseUrl");
        Objects.requireNonNull(collectBaseUrl, "collectBaseUrl");
        lodestoneBaseUrl = lodestoneBaseUrl.endsWith("/") ? lodestoneBaseUrl : lodestoneBaseUrl + "/";
        collectBaseUrl = collectBaseUrl.endsWith("/") ? collectBaseUrl : collectBaseUrl + "/";
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive");
        }
    }

    /** Production hosts and polite limits. */
    public static FfxivSettings defaults() {
        return new FfxivSettings(DEFAULT_LODESTONE_BASE_URL, DEFAULT_COLLECT_BASE_URL, Duration.ofSeconds(1), 4,
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /**
     * The settings from the environment: {@code LODESTONE_BASE_URL}, {@code FFXIVCOLLECT_BASE_URL}
     * and {@code FFXIV_REQUEST_INTERVAL_MS} (null when unset); no credentials are needed.
     *
     * @throws IllegalArgumentException naming the variable that is not valid
     */
    public static FfxivSettings fromEnvironment(Function<String, String> env) {
        FfxivSettings defaults = defaults();
        String lodestone = EnvValues.url(env, "LODESTONE_BASE_URL", DEFAULT_LODESTONE_BASE_URL);
        String collect = EnvValues.url(env, "FFXIVCOLLECT_BASE_URL", DEFAULT_COLLECT_BASE_URL);
        long intervalMs = EnvValues.number(env, "FFXIV_REQUEST_INTERVAL_MS", defaults.requestInterval().toMillis(),
                100, 60_000);
        return defaults.withBaseUrls(lodestone, collect).withRequestInterval(Duration.ofMillis(intervalMs));
    }

    public FfxivSettings withBaseUrls(String lodestone, String collect) {
        return new FfxivSettings(lodestone, collect, requestInterval, maxAttempts, backoffMin, backoffMax, callTimeout);
    }

    public FfxivSettings withRequestInterval(Duration interval) {
        return new FfxivSettings(lodestoneBaseUrl, collectBaseUrl, interval, maxAttempts, backoffMin, backoffMax,
                callTimeout);
    }

    public FfxivSettings withRetries(int attempts, Duration min, Duration max) {
        return new FfxivSettings(lodestoneBaseUrl, collectBaseUrl, requestInterval, attempts, min, max, callTimeout);
    }
}
