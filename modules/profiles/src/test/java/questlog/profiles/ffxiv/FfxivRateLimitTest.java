package questlog.profiles.ffxiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.profiles.FetchContext;
import questlog.profiles.TimedUpstream;

/**
 * A burst of syncs never goes faster than the plugin's limit: neither service advertises a read
 * limit, so the plugin keeps its own (one page a second per host in production, one at a time);
 * here four a second, to keep the test short.
 */
@Isolated("measures request timing at the server; other test classes' CPU load would blur arrivals")
class FfxivRateLimitTest {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    @Test
    void aBurstOfSyncsKeepsToTheLimitOfEachHost() throws Exception {
        String profile = FfxivPluginTest.fixture("lodestone-profile.html");
        String classJob = FfxivPluginTest.fixture("lodestone-class-job.html");
        String collect = FfxivPluginTest.fixture("collect-character.json");
        try (TimedUpstream upstream = TimedUpstream.start(Duration.ofMillis(20), request -> {
            String path = request.getUrl().encodedPath();
            String body = path.startsWith("/api/") ? collect : path.endsWith("/class_job/") ? classJob : profile;
            return new MockResponse.Builder().code(200).setHeader("Content-Type",
                    path.startsWith("/api/") ? "application/json" : "text/html; charset=utf-8").body(body).build();
        }); FfxivPlugin plugin = new FfxivPlugin(FfxivPluginTest.settings(upstream.baseUrl())
                .withRequestInterval(INTERVAL))) {
            // Warm the connections first, so that the first request's handshake does not delay its
            // arrival and bunch it with the next one: the limit spaces starts, the server sees arrivals.
            plugin.fetch(FfxivPluginTest.ID, FetchContext.first());
            long warmedUp = System.nanoTime();
            int syncs = 6;
            ExecutorService pool = Executors.newFixedThreadPool(syncs);
            List<Future<FfxivSnapshot>> results = new ArrayList<>();
            for (int i = 0; i < syncs; i++) {
                results.add(pool.submit(() -> plugin.fetch(FfxivPluginTest.ID, FetchContext.first())));
            }
            for (Future<FfxivSnapshot> result : results) {
                assertThat(result.get().name()).isEqualTo("Lethys Lightpaw");
            }
            pool.shutdown();

            var lodestone = upstream.arrivals(path -> path.startsWith("/lodestone/")).stream()
                    .filter(a -> a.nanos() > warmedUp).toList();
            var ffxivCollect = upstream.arrivals(path -> path.startsWith("/api/")).stream()
                    .filter(a -> a.nanos() > warmedUp).toList();
            assertThat(lodestone).hasSize(2 * syncs);
            assertThat(ffxivCollect).hasSize(syncs);
            // One start per interval: within any second at most four, plus one since both ends of
            // the span count.
            for (var host : List.of(lodestone, ffxivCollect)) {
                assertThat(TimedUpstream.mostWithin(host, Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
            }
            // One at a time per host: two hosts, so at most two open here.
            assertThat(upstream.mostOpenAtOnce()).isLessThanOrEqualTo(2);
        }
    }
}
