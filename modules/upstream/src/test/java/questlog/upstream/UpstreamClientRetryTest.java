package questlog.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries: {@code Retry-After} is waited out (never less, and never more than the policy allows),
 * a 5xx without one gets the exponential backoff, and a call gives up after its attempts.
 * Waits are measured between arrivals at the server, and only from below, so a slow machine cannot
 * fail them.
 */
class UpstreamClientRetryTest {
    TestUpstream upstream;
    UpstreamClient client;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start();
        client = new UpstreamClient(policy());
    }

    @AfterEach
    void stop() {
        client.close();
        upstream.close();
    }

    UpstreamPolicy policy() {
        return UpstreamPolicy.of("Test", upstream.baseUrl())
                .withRequestInterval(Duration.ofMillis(5))
                .withRetries(4, Duration.ofMillis(20), Duration.ofMillis(80));
    }

    long millisBetweenArrivals(int first, int second) {
        List<Long> arrivals = upstream.arrivalNanos();
        return (arrivals.get(second) - arrivals.get(first)) / 1_000_000;
    }

    @Test
    void a429WithRetryAfterInSecondsIsRetriedNoSoonerThanAsked() {
        upstream.enqueue(TestUpstream.Answer.status(429).withHeader("Retry-After", "1"), TestUpstream.Answer.ok("done"));

        assertThat(client.execute(client.request("x").build()).body()).isEqualTo("done");

        // The backoff alone would be 20 ms (±25 %).
        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(1000);
        assertThat(client.stats()).isEqualTo(new UpstreamStats(2, 1, 0));
    }

    @Test
    void a503WithRetryAfterAsAnHttpDateIsRetriedAtThatTime() {
        // Dates have whole seconds: "in two seconds" is at least one second away.
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        upstream.enqueue(TestUpstream.Answer.status(503).withHeader("Retry-After", inTwoSeconds),
                TestUpstream.Answer.ok("done"));

        assertThat(client.execute(client.request("x").build()).body()).isEqualTo("done");

        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsIsCutToItsLimit() {
        client.close();
        client = new UpstreamClient(policy().withMaxRetryAfter(Duration.ofMillis(300)));
        upstream.enqueue(TestUpstream.Answer.status(429).withHeader("Retry-After", "3600"), TestUpstream.Answer.ok("done"));

        long start = System.nanoTime();
        assertThat(client.execute(client.request("x").build()).body()).isEqualTo("done");

        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(300);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a5xxWithoutRetryAfterBacksOffExponentially() {
        client.close();
        client = new UpstreamClient(policy().withRetries(4, Duration.ofMillis(200), Duration.ofSeconds(2)));
        upstream.enqueue(TestUpstream.Answer.status(502), TestUpstream.Answer.status(503), TestUpstream.Answer.ok("done"));

        assertThat(client.execute(client.request("x").build()).body()).isEqualTo("done");

        // 200 ms then 400 ms, each at least three quarters of that with the jitter.
        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(150);
        assertThat(millisBetweenArrivals(1, 2)).isGreaterThanOrEqualTo(300);
        assertThat(client.stats()).isEqualTo(new UpstreamStats(3, 2, 0));
    }

    @Test
    void aRateLimitThatLastsEndsAsRateLimitedWithTheLastWaitAskedFor() {
        upstream.answerByDefault(TestUpstream.Answer.status(429).withHeader("Retry-After", "0"));

        assertThatThrownBy(() -> client.execute(client.request("x").build()))
                .isInstanceOfSatisfying(UpstreamException.RateLimited.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ZERO);
                    assertThat(e.status()).hasValue(429);
                    assertThat(e.upstream()).isEqualTo("Test");
                });
        assertThat(upstream.answered()).isEqualTo(4);
        assertThat(client.stats()).isEqualTo(new UpstreamStats(4, 3, 1));
    }

    @Test
    void noTryStartsAfterTheRetryTimeRanOut() {
        client.close();
        client = new UpstreamClient(policy().withRetries(50, Duration.ofMillis(100), Duration.ofMillis(200))
                .withMaxRetrying(Duration.ofMillis(700)));
        upstream.answerByDefault(TestUpstream.Answer.status(500));

        assertThatThrownBy(() -> client.execute(client.request("x").build()))
                .isInstanceOf(UpstreamException.Unavailable.class);
        assertThat(upstream.answered()).isBetween(2, 10);
    }
}
