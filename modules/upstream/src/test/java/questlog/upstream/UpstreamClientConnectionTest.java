package questlog.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections the upstream closed cost neither an attempt nor a start of the rate limit: against
 * an upstream that closes every connection after its answer (while saying keep-alive, as HTTP/1.0
 * proxies do), and one that closes keep-alive connections that idled.
 */
class UpstreamClientConnectionTest {
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    TestUpstream upstream;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    UpstreamPolicy policy(int maxAttempts) {
        return UpstreamPolicy.of("Test", upstream.baseUrl())
                .withRequestInterval(Duration.ofMillis(20))
                .withRetries(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Test
    void everyRequestToAnUpstreamThatClosesEachConnectionSucceedsAtItsFirstAttempt() {
        upstream.closeEveryConnectionAfterItsAnswer();
        // One attempt only: a dead connection that cost an attempt would fail the request.
        try (UpstreamClient client = new UpstreamClient(policy(1))) {
            for (int i = 0; i < 10; i++) {
                var request = client.request("games").post(RequestBody.create("fields name; limit " + i + ";", TEXT))
                        .build();
                assertThat(client.execute(request).body()).isEqualTo("ok");
            }

            assertThat(upstream.discarded()).as("the client did write to connections the server had closed")
                    .isGreaterThanOrEqualTo(5);
            assertThat(upstream.answered()).isEqualTo(10);
            assertThat(client.stats()).isEqualTo(new UpstreamStats(10, 0, 0));
        }
    }

    @Test
    void a429ThenA500ThenA200FromAnUpstreamThatClosesEachConnectionEndsIn200() {
        upstream.closeEveryConnectionAfterItsAnswer();
        try (UpstreamClient client = new UpstreamClient(policy(3))) {
            client.execute(client.request("warm-up").build()); // leaves a pooled connection the server closed
            upstream.enqueue(TestUpstream.Answer.status(429), TestUpstream.Answer.status(500),
                    TestUpstream.Answer.ok("finally"));

            UpstreamResponse response = client.execute(client.request("games").build());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finally");
            assertThat(upstream.answered()).isEqualTo(4);
            assertThat(upstream.discarded()).isGreaterThanOrEqualTo(2);
            // A start of the rate limit for each request that reached the server, and no more.
            assertThat(client.stats().requests()).isEqualTo(upstream.answered());
            assertThat(client.stats().retries()).isEqualTo(2);
            assertThat(client.stats().failures()).isZero();
        }
    }

    @Test
    void theFirstRequestAfterTheUpstreamClosedAnIdleConnectionSucceedsWithoutSpendingAnAttempt() throws Exception {
        upstream.closeConnectionsIdleFor(Duration.ofMillis(200));
        try (UpstreamClient client = new UpstreamClient(policy(1))) {
            assertThat(client.execute(client.request("first").build()).status()).isEqualTo(200);
            assertThat(upstream.awaitIdleClosed(1, Duration.ofSeconds(10))).isTrue();

            for (int i = 0; i < 3; i++) {
                assertThat(client.execute(client.request("again-" + i).build()).status()).isEqualTo(200);
                assertThat(upstream.awaitIdleClosed(i + 2, Duration.ofSeconds(10))).isTrue();
            }

            assertThat(upstream.answered()).isEqualTo(4);
            assertThat(client.stats()).isEqualTo(new UpstreamStats(4, 0, 0));
        }
    }

    @Test
    void anUpstreamThatKeepsConnectionsServesEveryRequestOnOne() {
        try (UpstreamClient client = new UpstreamClient(policy(1))) {
            for (int i = 0; i < 5; i++) {
                client.execute(client.request("games").build());
            }
            assertThat(upstream.connections()).isEqualTo(1);
            assertThat(client.stats().requests()).isEqualTo(5);
        }
    }
}
