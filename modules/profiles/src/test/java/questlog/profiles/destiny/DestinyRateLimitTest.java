package questlog.profiles.destiny;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.profiles.destiny.DestinyFixtures.*;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.profiles.FetchContext;
import questlog.profiles.TimedUpstream;

/**
 * A burst of syncs keeps under Bungie's advertised limit (about 25 requests a second per address,
 * averaged over 10 s), with the plugin's production spacing of 20 a second.
 */
@Isolated("measures request timing at the server; other test classes' CPU load would blur arrivals")
class DestinyRateLimitTest {
    private static final int ADVERTISED_PER_SECOND = 25;

    @Test
    void aBurstOfSyncsStaysUnderBungiesLimit() throws Exception {
        Map<String, String> bodies = new HashMap<>();
        bodies.put(PROFILE, fixture("profile.json"));
        bodies.put(STATS, fixture("stats.json"));
        bodies.put(activities(HUNTER), fixture("activities-hunter.json"));
        bodies.put(activities(WARLOCK), fixture("activities-warlock.json"));
        bodies.put(activities(TITAN), fixture("activities-empty.json"));
        for (long hash : new long[] {1541433876L, 300092127L, 4179289725L, 1234567L, 2259621230L}) {
            bodies.put(definition(hash), fixture("definition-" + hash + ".json"));
        }
        for (String instance : new String[] {"15000000005", "15000000004", "15000000001", "14000000002"}) {
            bodies.put(pgcr(instance), fixture("pgcr-" + instance + ".json"));
        }
        try (TimedUpstream upstream = TimedUpstream.start(Duration.ofMillis(5), request -> new MockResponse.Builder()
                .code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(bodies.getOrDefault(request.getUrl().encodedPath(), fixture("account-not-found.json")))
                .build());
             DestinyPlugin plugin = new DestinyPlugin(settings(upstream.baseUrl())
                     .withRequestInterval(DestinySettings.defaults(java.util.Optional.empty()).requestInterval()),
                     Clock.systemUTC())) {
            int syncs = 5;
            ExecutorService pool = Executors.newFixedThreadPool(syncs);
            List<Future<DestinySnapshot>> results = new ArrayList<>();
            for (int i = 0; i < syncs; i++) {
                results.add(pool.submit(() -> plugin.fetch(ACCOUNT, FetchContext.first())));
            }
            for (Future<DestinySnapshot> result : results) {
                assertThat(result.get().activities()).hasSize(7);
            }
            pool.shutdown();
            var arrivals = upstream.arrivals(path -> true);
            assertThat(arrivals).hasSize(syncs * 14);
            assertThat(TimedUpstream.mostWithin(arrivals, Duration.ofSeconds(1))).isLessThanOrEqualTo(ADVERTISED_PER_SECOND);
            assertThat(upstream.mostOpenAtOnce()).isLessThanOrEqualTo(4);
        }
    }
}
