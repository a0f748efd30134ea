package questlog.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The limits hold under contention: no more requests in flight than allowed, starts spaced by the
 * interval, and an upstream's check can slow the client down or pause it (Path of Exile's
 * {@code X-Rate-Limit-*} headers). Times are asserted from below (a slow machine only makes them
 * longer); counts in a window get one arrival of slack for network jitter.
 */
@Isolated("measures request timing at the server; other test classes' CPU load would blur arrivals")
class UpstreamClientLimitsTest {
    TestUpstream upstream;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    List<UpstreamResponse> concurrently(UpstreamClient client, int requests, int threads) throws Exception {
        List<UpstreamResponse> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<UpstreamResponse>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                calls.add(pool.submit(() -> client.execute(client.request("item/" + n).build())));
            }
            for (Future<UpstreamResponse> call : calls) {
                answers.add(call.get());
            }
        }
        return answers;
    }

    @Test
    void requestsInFlightAndTheSpacingOfStartsStayWithinThePolicy() throws Exception {
        upstream.answerByDefault(TestUpstream.Answer.ok("ok").after(Duration.ofMillis(400)));
        var policy = UpstreamPolicy.of("Test", upstream.baseUrl()).withRequestsPerSecond(10).withMaxInFlight(3);

        long start = System.nanoTime();
        try (UpstreamClient client = new UpstreamClient(policy)) {
            assertThat(concurrently(client, 16, 8)).hasSize(16);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // 400 ms answers at 10 starts a second would keep 4 open: the cap of 3 must have held them back.
        assertThat(upstream.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
        assertThat(upstream.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(10 + 1);
        // 16 requests, 3 at a time, 400 ms each: at least six rounds.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(5 * 400));
    }

    @Test
    void startsAreSpacedByTheIntervalWhateverTheThreads() throws Exception {
        var policy = UpstreamPolicy.of("Test", upstream.baseUrl()).withRequestInterval(Duration.ofMillis(100));

        long start = System.nanoTime();
        try (UpstreamClient client = new UpstreamClient(policy)) {
            concurrently(client, 12, 12);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(11 * 100));
        // Starts are spaced on the client; arrivals may bunch by one more when a loaded machine delays
        // one request's way to the server and not the next.
        assertThat(upstream.maxInAnyWindow(Duration.ofMillis(500))).isLessThanOrEqualTo(5 + 2);
    }

    @Test
    void anUpstreamsHeadersCanSlowTheClientDown() throws Exception {
        // Path of Exile style: "hits:period:restriction" — 5 requests per 2 seconds from here on.
        ResponseCheck poeLike = (response, rate) -> {
            response.header("X-Rate-Limit-Ip").ifPresent(rule -> {
                String[] parts = rule.split(",")[0].split(":");
                rate.slowTo(Duration.ofSeconds(Long.parseLong(parts[1])).dividedBy(Long.parseLong(parts[0])));
            });
            ResponseCheck.STANDARD.check(response, rate);
        };
        upstream.answerByDefault(TestUpstream.Answer.ok("{}").withHeader("X-Rate-Limit-Ip", "5:2:60"));
        var policy = UpstreamPolicy.of("Test", upstream.baseUrl()).withRequestInterval(Duration.ofMillis(10));

        try (UpstreamClient client = new UpstreamClient(policy, poeLike)) {
            client.execute(client.request("first").build());
            assertThat(client.rate().requestInterval()).isEqualTo(Duration.ofMillis(400));
            long start = System.nanoTime();
            concurrently(client, 5, 5);

            // Five more starts 400 ms apart (the first waits out the gap after the first request).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(4 * 400));
            client.rate().slowTo(Duration.ofMillis(1));
            assertThat(client.rate().requestInterval()).as("never faster than the policy").isEqualTo(Duration.ofMillis(10));
        }
    }

    @Test
    void aPauseHoldsEveryRequestBackAndPausesDoNotAddUp() {
        var policy = UpstreamPolicy.of("Test", upstream.baseUrl()).withRequestInterval(Duration.ofMillis(50));
        try (UpstreamClient client = new UpstreamClient(policy)) {
            client.execute(client.request("before").build());
            client.rate().pause(Duration.ofMillis(1500));
            client.rate().pause(Duration.ofMillis(1500));
            client.execute(client.request("after").build());

            List<Long> arrivals = upstream.arrivalNanos();
            long paused = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
            // Added up, the two would hold it back 3 s.
            assertThat(paused).isGreaterThanOrEqualTo(1500).isLessThan(2900);
        }
    }
}
