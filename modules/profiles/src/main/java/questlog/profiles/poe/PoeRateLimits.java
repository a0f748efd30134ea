package questlog.profiles.poe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import questlog.upstream.RateControl;
import questlog.upstream.UpstreamResponse;

/**
 * Path of Exile's limits as its answers announce them ({@code X-Rate-Limit-Policy},
 * {@code -Rules}, {@code -<Rule>: hits:period:restriction,...} and {@code -<Rule>-State}), turned
 * into the client's request spacing so they are never exceeded: for every window of every rule of
 * every policy seen, starts are spaced at least {@code period / hits} apart (plus a margin), so no
 * window can hold more than its hits; the strictest spacing wins. A window whose state is already
 * full (other tools on the same account) or an active restriction pauses every request until it
 * ends. Limits change at league launches, so each answer updates its policy.
 */
final class PoeRateLimits {
    /**
     * Keeps starts clear of a window's edge whatever the transit time (the server counts arrivals,
     * the limiter spaces starts): a quarter of the spacing, at least 100 ms. A request delayed on
     * its way lets the next arrive closer to it, and Path of Exile answers a crossed limit with a
     * restriction of a minute or more, so the margin is generous.
     */
    static final Duration MIN_MARGIN = Duration.ofMillis(100);

    /** One window of a rule: at most {@code hits} in {@code period} seconds, else restricted for {@code restrict} s. */
    record Window(int hits, int periodSeconds, int restrictSeconds) {
        Duration spacing() {
            long even = (long) Math.ceil(periodSeconds * 1000.0 / hits);
            return Duration.ofMillis(even + Math.max(MIN_MARGIN.toMillis(), even / 4));
        }
    }

    private final Map<String, Duration> spacingByPolicy = new ConcurrentHashMap<>();

    /** Reads an answer's headers into the limiter (called for every answer, errors included). */
    void update(UpstreamResponse response, RateControl rate) {
        String policy = response.header("X-Rate-Limit-Policy").orElse(null);
        String rules = response.header("X-Rate-Limit-Rules").orElse(null);
        if (policy == null || rules == null) {
            return;
        }
        Duration strictest = Duration.ZERO;
        Duration pause = Duration.ZERO;
        for (String rule : rules.split(",")) {
            String name = rule.strip();
            if (name.isEmpty()) {
                continue;
            }
            List<Window> limits = windows(response.header("X-Rate-Limit-" + name).orElse(""));
            List<Window> states = windows(response.header("X-Rate-Limit-" + name + "-State").orElse(""));
            for (Window limit : limits) {
                if (limit.hits() > 0 && limit.spacing().compareTo(strictest) > 0) {
                    strictest = limit.spacing();
                }
                for (Window state : states) {
                    if (state.periodSeconds() != limit.periodSeconds()) {
                        continue;
                    }
                    if (state.restrictSeconds() > 0) {
                        pause = max(pause, Duration.ofSeconds(state.restrictSeconds()));
                    } else if (state.hits() >= limit.hits()) {
                        pause = max(pause, Duration.ofSeconds(limit.periodSeconds()));
                    }
                }
            }
        }
        spacingByPolicy.put(policy.toLowerCase(Locale.ROOT), strictest);
        rate.slowTo(spacingByPolicy.values().stream().reduce(Duration.ZERO, PoeRateLimits::max));
        if (!pause.isZero()) {
            rate.pause(pause);
        }
    }

    /** The spacing in force for a policy, when an answer announced it. */
    Duration spacing(String policy) {
        return spacingByPolicy.getOrDefault(policy.toLowerCase(Locale.ROOT), Duration.ZERO);
    }

    /** "5:10:60,30:300:300" → its windows; malformed parts are skipped. */
    static List<Window> windows(String header) {
        List<Window> windows = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] n = part.strip().split(":");
            if (n.length != 3) {
                continue;
            }
            try {
                int hits = Integer.parseInt(n[0].strip());
                int period = Integer.parseInt(n[1].strip());
                int restrict = Integer.parseInt(n[2].strip());
                if (period > 0 && hits >= 0 && restrict >= 0) {
                    windows.add(new Window(Math.max(hits, 0), period, restrict));
                }
            } catch (NumberFormatException ignored) {
                // a part that is not three numbers says nothing we can follow
            }
        }
        return windows;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
