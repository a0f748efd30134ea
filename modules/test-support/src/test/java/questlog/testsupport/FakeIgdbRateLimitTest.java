package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timing-sensitive, so it runs alone; the margins below are hundreds of milliseconds. */
@Isolated
class FakeIgdbRateLimitTest {
    private static final String QUERY = "fields name; where id = 72;";

    private FakeIgdb igdb;
    private IgdbHttp client;

    @BeforeEach
    void start() {
        igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
        client = new IgdbHttp(igdb);
        client.mintToken();
    }

    @AfterEach
    void stop() {
        igdb.close();
    }

    @Test
    void aFifthRequestWithinASecondGets429WithoutRetryAfter() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(client.post("games", QUERY));
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 200, 429, 429);
        HttpResponse<String> limited = responses.get(4);
        assertThat(IgdbHttp.json(limited)).isEqualTo(IgdbHttp.json("{\"message\":\"Too Many Requests\"}"));
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        assertThat(igdb.rateLimitViolations()).isEqualTo(2);
        assertThat(igdb.maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(6);
    }

    @Test
    void theBudgetComesBackAfterASecond() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
        }
        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(429);

        Thread.sleep(1_100);

        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfParallelRequestsIsCutToFour() {
        igdb.setLatency(Duration.ofMillis(500));

        List<Integer> statuses = sendTogether(12);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(8);
        assertThat(igdb.rateLimitViolations()).isEqualTo(8);
    }

    @Test
    void countsParallelRequestsInFlight() {
        igdb.enforceRateLimit(false);
        igdb.setLatency(Duration.ofMillis(600));

        List<Integer> statuses = sendTogether(6);

        assertThat(statuses).containsOnly(200);
        assertThat(igdb.maxInFlight()).isEqualTo(6);
        assertThat(igdb.maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(6);
        assertThat(igdb.igdbRequests()).isEqualTo(6);
        assertThat(igdb.rateLimitViolations()).isZero();
        assertThat(igdb.requests()).allSatisfy(r -> assertThat(r.finishedNanos() - r.arrivedNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(600).toNanos()));
    }

    @Test
    void aNinthRequestInFlightGets429EvenUnderFourPerSecond() throws Exception {
        // 9 requests 300 ms apart (3.3 per second) that each stay open 3 s: the 9th finds 8 open
        igdb.setLatency(Duration.ofSeconds(3));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            pending.add(client.postAsync("games", QUERY));
            Thread.sleep(300);
        }

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            statuses.add(response.get().statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 429);
        assertThat(igdb.maxInFlight()).isEqualTo(9);
        assertThat(igdb.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(4);
        assertThat(igdb.rateLimitViolations()).isEqualTo(1);
    }

    @Test
    void aPoliteClientIsNeverLimited() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
            Thread.sleep(260);
        }

        assertThat(igdb.rateLimitViolations()).isZero();
        assertThat(igdb.maxInFlight()).isEqualTo(1);
        assertThat(igdb.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(4);
    }

    @Test
    void withTheLimitOffBurstsPassAndAreStillMeasured() {
        igdb.enforceRateLimit(false);

        for (int i = 0; i < 10; i++) {
            assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
        }

        assertThat(igdb.rateLimitViolations()).isZero();
        assertThat(igdb.maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(10);
        assertThat(igdb.maxInAnyWindow(Duration.ofNanos(1))).isEqualTo(1);
    }

    private List<Integer> sendTogether(int count) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(client.postAsync("games", QUERY));
        }
        return pending.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    }
}
