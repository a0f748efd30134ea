package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeIgdbFaultTest {
    private static final String QUERY = "fields name; where id = 72;";

    private FakeIgdb igdb;
    private IgdbHttp client;

    @BeforeEach
    void start() {
        igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
        igdb.enforceRateLimit(false);
        client = new IgdbHttp(igdb);
    }

    @AfterEach
    void stop() {
        igdb.close();
    }

    @Test
    void faultsAreServedInOrderThenNormalAnswersResume() {
        igdb.enqueueFault(FakeIgdb.Fault.tooManyRequests());
        igdb.enqueueFault(FakeIgdb.Fault.serverError());
        igdb.enqueueFault(FakeIgdb.Fault.unauthorized());
        igdb.enqueueFault(FakeIgdb.Fault.malformedJson());

        HttpResponse<String> tooMany = client.post("games", QUERY);
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(IgdbHttp.json(tooMany)).isEqualTo(IgdbHttp.json("{\"message\":\"Too Many Requests\"}"));
        assertThat(tooMany.headers().firstValue("Retry-After")).isEmpty();

        HttpResponse<String> serverError = client.post("games", QUERY);
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(IgdbHttp.json(serverError).get("title").asText()).isEqualTo("Server Error");

        HttpResponse<String> unauthorized = client.post("games", QUERY);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(IgdbHttp.json(unauthorized).get("message").asText()).startsWith("Authorization Failure");

        HttpResponse<String> malformed = client.post("games", QUERY);
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThatThrownBy(() -> IgdbHttp.json(malformed)).isInstanceOf(UncheckedIOException.class);

        assertThat(client.query("games", QUERY).get(0).get("name").asText()).isEqualTo("Portal 2");
        assertThat(igdb.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(429, 500, 401, 200, 200);
        // queued faults are not the rate limiter speaking
        assertThat(igdb.rateLimitViolations()).isZero();
    }

    @Test
    void tooManyRequestsCanCarryRetryAfter() {
        igdb.enqueueFault(FakeIgdb.Fault.tooManyRequests(2));

        HttpResponse<String> response = client.post("games", QUERY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void customFaultsKeepTheirHeadersAndBody() {
        igdb.enqueueFault(new FakeIgdb.Fault(503, "Service Unavailable", Map.of("Content-Type", "text/plain"),
                Duration.ZERO));

        HttpResponse<String> response = client.post("games", QUERY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("Service Unavailable");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @Test
    void aSlowAnswerTimesOutAClient() {
        igdb.enqueueFault(FakeIgdb.Fault.slow(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> IgdbHttp.send(client.request("games", QUERY).timeout(Duration.ofMillis(200)).build()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(client.query("games", QUERY)).hasSize(1);
    }

    @Test
    void aSlowAnswerIsTheNormalAnswerLate() {
        igdb.enqueueFault(FakeIgdb.Fault.slow(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response = client.post("games", QUERY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IgdbHttp.json(response).get(0).get("name").asText()).isEqualTo("Portal 2");
    }

    @Test
    void recordsEveryIgdbRequest() {
        String token = client.mintToken();
        client.post("games", QUERY);
        client.post("games/count", "where id = 72;");

        List<FakeIgdb.Recorded> requests = igdb.requests();
        assertThat(requests).extracting(FakeIgdb.Recorded::path).containsExactly("/v4/games", "/v4/games/count");
        FakeIgdb.Recorded first = requests.get(0);
        assertThat(first.body()).isEqualTo(QUERY);
        assertThat(first.clientId()).isEqualTo(FakeIgdb.CLIENT_ID);
        assertThat(first.authorization()).isEqualTo("Bearer " + token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.finishedNanos()).isGreaterThanOrEqualTo(first.arrivedNanos());
        assertThat(igdb.igdbRequests()).isEqualTo(2);
        assertThat(igdb.tokenRequests()).isEqualTo(1);

        igdb.resetRecording();
        assertThat(igdb.requests()).isEmpty();
        assertThat(igdb.igdbRequests()).isZero();
        assertThat(igdb.tokenRequests()).isZero();
        assertThat(client.query("games", QUERY)).hasSize(1); // the token survives a reset
    }

    @Test
    void latencyDelaysEveryIgdbAnswerButNotTokens() {
        client.query("games", QUERY); // warm up the connection
        igdb.setLatency(Duration.ofMillis(2000));

        long start = System.nanoTime();
        client.mintToken();
        Duration tokenTime = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        client.post("games", QUERY);
        Duration queryTime = Duration.ofNanos(System.nanoTime() - start);

        assertThat(tokenTime).isLessThan(Duration.ofMillis(2000));
        assertThat(queryTime).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
    }
}
