package questlog.profiles.poe;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.profiles.poe.PoeFixtures.*;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.profiles.FetchContext;
import questlog.profiles.TimedUpstream;
import questlog.upstream.RateControl;
import questlog.upstream.UpstreamResponse;

/**
 * Path of Exile's announced limits are never exceeded: a burst of syncs against a server that
 * announces 3 requests per 2 s, and the pauses a full window or a restriction call for.
 */
@Isolated("measures request timing at the server; other test classes' CPU load would blur arrivals")
class PoeRateLimitTest {

    @Test
    void aBurstOfSyncsNeverExceedsTheAnnouncedRule() throws Exception {
        try (TimedUpstream upstream = TimedUpstream.start(Duration.ofMillis(5), request -> {
            String path = request.getUrl().encodedPath();
            String body = path.equals("/profile") ? PROFILE : path.equals("/character") ? CHARACTERS
                    : TOKEN.formatted(ACCESS, REFRESHED);
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .setHeader("X-Rate-Limit-Policy", "character-request-limit")
                    .setHeader("X-Rate-Limit-Rules", "Account")
                    .setHeader("X-Rate-Limit-Account", "3:2:60")
                    .setHeader("X-Rate-Limit-Account-State", "1:2:0")
                    .body(body).build();
        })) {
            PoeSettings settings = settings(upstream.baseUrl());
            // Before the first answer the plugin waits longer than any window it could meet.
            settings = new PoeSettings(settings.clientId(), settings.clientSecret(), settings.secrets(),
                    settings.baseUrl(), settings.authBaseUrl(), settings.redirectUri(), settings.contact(),
                    Duration.ofMillis(2500), settings.maxAttempts(), settings.backoffMin(), settings.callTimeout(),
                    settings.refreshAhead(), settings.ownerRefreshToken());
            try (PoePlugin plugin = new PoePlugin(settings, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
                 PoePlugin setup = new PoePlugin(settings, Clock.fixed(NOW, java.time.ZoneOffset.UTC))) {
                // The tokens come from another instance, so the burst below starts on a fresh limiter.
                PoeSnapshot first = setup.fetch(ACCOUNT, FetchContext.first());
                long afterSetup = System.nanoTime();
                int syncs = 3;
                ExecutorService pool = Executors.newFixedThreadPool(syncs);
                List<Future<PoeSnapshot>> results = new ArrayList<>();
                for (int i = 0; i < syncs; i++) {
                    results.add(pool.submit(() -> plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(first)))));
                }
                for (Future<PoeSnapshot> result : results) {
                    assertThat(result.get().characters()).hasSize(3);
                }
                pool.shutdown();
                var api = upstream.arrivals(path -> !path.startsWith("/oauth/")).stream()
                        .filter(a -> a.nanos() > afterSetup).toList();
                assertThat(api).hasSize(2 * syncs);
                assertThat(TimedUpstream.mostWithin(api, Duration.ofSeconds(2)))
                        .as("arrivals, ms after the set-up: %s", api.stream().map(a -> (a.nanos() - afterSetup) / 1_000_000).toList())
                        .isLessThanOrEqualTo(3);
                assertThat(upstream.mostOpenAtOnce()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aFullWindowOrARestrictionPausesEveryRequest() {
        RecordingRate rate = new RecordingRate();
        PoeRateLimits limits = new PoeRateLimits();
        limits.update(answer("5:10:60", "5:10:0"), rate);
        assertThat(rate.paused).isEqualTo(Duration.ofSeconds(10));
        assertThat(rate.interval).isEqualTo(Duration.ofMillis(2000 + 500)); // 5 in 10 s, a quarter as margin
        limits.update(answer("5:10:60", "6:10:60"), rate);
        assertThat(rate.paused).isEqualTo(Duration.ofSeconds(60));
    }

    private static UpstreamResponse answer(String rule, String state) {
        return new UpstreamResponse("Path of Exile", HttpUrl.get("https://api.pathofexile.com/character"), 200,
                Headers.of("X-Rate-Limit-Policy", "character-list-request-limit", "X-Rate-Limit-Rules", "Account",
                        "X-Rate-Limit-Account", rule, "X-Rate-Limit-Account-State", state), "{}");
    }

    static final class RecordingRate implements RateControl {
        Duration interval = Duration.ZERO;
        Duration paused = Duration.ZERO;

        @Override
        public Duration requestInterval() {
            return interval;
        }

        @Override
        public void slowTo(Duration asked) {
            interval = asked;
        }

        @Override
        public void pause(Duration wait) {
            paused = wait;
        }
    }
}
