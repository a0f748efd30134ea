package questlog.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a call can fail comes out as one typed {@link UpstreamException}, after retries only
 * where a retry can help, with the counters telling what happened. Includes an upstream-specific
 * check: errors that arrive as HTTP 200 with an error code and a throttle time, Bungie-style.
 */
class UpstreamClientFailuresTest {
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
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(40))
                // Generous, so that a loaded machine does not turn an answer into a timeout and a
                // retry; the timeout test sets its own.
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    UpstreamException failure(UpstreamClient c) {
        try {
            c.execute(c.request("thing").build());
        } catch (UpstreamException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void a404IsNotFoundAtOnce() {
        upstream.enqueue(TestUpstream.Answer.status(404));

        assertThat(failure(client)).isInstanceOf(UpstreamException.NotFound.class).hasMessageContaining("Test")
                .satisfies(e -> assertThat(e.status()).hasValue(404));
        assertThat(client.stats()).isEqualTo(new UpstreamStats(1, 0, 1));
    }

    @Test
    void refusedCredentialsAreBadCredentialsAndTheHtmlBodyStaysOutOfTheMessage() {
        upstream.enqueue(TestUpstream.Answer.status(403).withBody("<html><body>Forbidden: key=SECRET</body></html>"),
                TestUpstream.Answer.status(401));

        assertThat(failure(client)).isInstanceOf(UpstreamException.BadCredentials.class)
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("<html>");
        assertThat(failure(client)).isInstanceOf(UpstreamException.BadCredentials.class);
        assertThat(upstream.answered()).isEqualTo(2);
    }

    @Test
    void anotherClientErrorIsABadResponseAndIsNotRetried() {
        upstream.enqueue(TestUpstream.Answer.status(400));

        assertThat(failure(client)).isInstanceOf(UpstreamException.BadResponse.class).hasMessageContaining("400");
        assertThat(upstream.answered()).isEqualTo(1);
    }

    @Test
    void aServerThatStaysDownIsUnavailableAfterEveryAttempt() {
        upstream.answerByDefault(TestUpstream.Answer.status(502));

        assertThat(failure(client)).isInstanceOf(UpstreamException.Unavailable.class).hasMessageContaining("502");
        assertThat(upstream.answered()).isEqualTo(3);
        assertThat(client.stats()).isEqualTo(new UpstreamStats(3, 2, 1));
    }

    @Test
    void aSlowAnswerIsATimeoutAndIsRetried() {
        upstream.enqueue(TestUpstream.Answer.ok("late").after(Duration.ofSeconds(3)), TestUpstream.Answer.ok("on time"));
        try (UpstreamClient quick = new UpstreamClient(policy().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)))) {
            assertThat(quick.execute(quick.request("x").build()).body()).isEqualTo("on time");

            upstream.answerByDefault(TestUpstream.Answer.ok("late").after(Duration.ofSeconds(3)));
            assertThat(failure(quick)).isInstanceOf(UpstreamException.Timeout.class)
                    .hasMessageContaining("did not answer within 500 ms");
        }
    }

    @Test
    void anUpstreamNobodyListensOnIsUnavailableAndSpendsNoStartOfTheRateLimit() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (UpstreamClient down = new UpstreamClient(policy().withBaseUrl("http://127.0.0.1:" + closedPort + "/"))) {
            assertThat(failure(down)).isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageContaining("could not be reached");
            // Three tries, backed off, but none reached anything: no request counted, no start spent.
            assertThat(down.stats()).isEqualTo(new UpstreamStats(0, 2, 1));
        }
    }

    @Test
    void anUpstreamCheckTurnsA200WithAnErrorCodeIntoARetriedThrottle() {
        Pattern throttle = Pattern.compile("\"ErrorCode\":\\s*36.*\"ThrottleSeconds\":\\s*(\\d+)");
        ResponseCheck bungieLike = (response, rate) -> {
            Matcher m = throttle.matcher(response.body());
            if (m.find()) {
                throw new UpstreamException.RateLimited(response.upstream(), response.status(),
                        response.upstream() + " is throttling this key", Duration.ofSeconds(Long.parseLong(m.group(1))));
            }
            ResponseCheck.STANDARD.check(response, rate);
        };
        upstream.enqueue(TestUpstream.Answer.ok("{\"ErrorCode\": 36, \"ErrorStatus\": \"ThrottleLimitExceededMomentarily\", "
                + "\"ThrottleSeconds\": 1}"), TestUpstream.Answer.ok("{\"ErrorCode\": 1, \"Response\": {}}"));

        try (UpstreamClient bungie = new UpstreamClient(policy(), bungieLike)) {
            UpstreamResponse response = bungie.execute(bungie.request("Destiny2/Manifest/").build());

            assertThat(response.body()).contains("\"ErrorCode\": 1");
            var arrivals = upstream.arrivalNanos();
            assertThat((arrivals.get(1) - arrivals.get(0)) / 1_000_000).isGreaterThanOrEqualTo(1000);
            assertThat(bungie.stats()).isEqualTo(new UpstreamStats(2, 1, 0));
        }
    }

    @Test
    void aMaintenanceAnswerCanEndTheCallWithoutRetries() {
        ResponseCheck maintenance = (response, rate) -> {
            if (response.body().contains("SystemDisabled")) {
                throw new UpstreamException.Unavailable(response.upstream(), response.status(), false,
                        response.upstream() + " is down for maintenance", null, null);
            }
        };
        upstream.answerByDefault(TestUpstream.Answer.ok("{\"ErrorCode\": 5, \"ErrorStatus\": \"SystemDisabled\"}"));

        try (UpstreamClient bungie = new UpstreamClient(policy(), maintenance)) {
            assertThat(failure(bungie)).isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageContaining("maintenance");
        }
        assertThat(upstream.answered()).isEqualTo(1);
    }

    @Test
    void requestsCarryTheUserAgentAndThePolicyHeadersOnTheBaseUrl() {
        try (UpstreamClient keyed = new UpstreamClient(policy().withUserAgent("OAuth questlog/0.1 (contact: a@b.c)")
                .withHeader("X-API-Key", "k"))) {
            var request = keyed.request("Destiny2/SearchDestinyPlayerByBungieName/-1/").build();

            assertThat(request.url().toString()).isEqualTo(upstream.baseUrl() + "Destiny2/SearchDestinyPlayerByBungieName/-1/");
            assertThat(request.header("User-Agent")).isEqualTo("OAuth questlog/0.1 (contact: a@b.c)");
            assertThat(request.header("X-API-Key")).isEqualTo("k");
            keyed.execute(request);
            assertThat(upstream.requestLines()).containsExactly(
                    "GET /api/Destiny2/SearchDestinyPlayerByBungieName/-1/ HTTP/1.1");
        }
    }
}
