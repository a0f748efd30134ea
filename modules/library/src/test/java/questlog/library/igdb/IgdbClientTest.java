package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.TestDatabase;

/**
 * The IGDB client against a local server that speaks IGDB's and Twitch's wire format: token
 * caching and refresh, retries, timeouts, malformed answers, unknown ids, batching, the cache.
 */
class IgdbClientTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static Jdbi jdbi;
    static FakeIgdb fake;
    IgdbClient client;

    @BeforeAll
    static void start() {
        jdbi = LibraryTestSupport.jdbi(db);
        fake = FakeIgdb.start(FakeIgdbCatalog.realistic());
        // Each test's client has a fresh rate limiter; the server's own check is IgdbRateLimitTest's subject.
        fake.enforceRateLimit(false);
    }

    @AfterAll
    static void stop() throws Exception {
        fake.close();
    }

    @BeforeEach
    void fresh() {
        jdbi.useHandle(h -> h.execute("TRUNCATE igdb_token, igdb_response"));
        // A slow answer from the previous test (a timeout it retried) must not count in this one's.
        fake.awaitNoRequestInFlight(Duration.ofSeconds(10));
        fake.resetRecording();
        fake.setLatency(Duration.ZERO);
        client = client(settings());
    }

    @AfterEach
    void close() {
        client.close();
    }

    static IgdbSettings settings() {
        // Short waits so retries take milliseconds; the 275 ms spacing of request starts is kept.
        return IgdbSettings.defaults(FakeIgdb.CLIENT_ID, FakeIgdb.CLIENT_SECRET)
                .withUrls(fake.igdbBaseUrl(), fake.tokenUrl())
                .withRetries(4, Duration.ofMillis(50), Duration.ofMillis(200))
                .withCallTimeout(Duration.ofMillis(800));
    }

    static IgdbClient client(IgdbSettings settings) {
        return new IgdbClient(settings, jdbi, LibraryTestSupport.json(), Clock.systemUTC());
    }

    @Test
    void oneTokenServesManyCallsAndOutlivesARestart() {
        for (long id : List.of(72L, 1942L, 71L)) {
            client.game(id, true);
        }
        assertThat(fake.tokenRequests()).isEqualTo(1);
        client.close();

        client = client(settings()); // a new process: the token comes from the database
        client.game(72L, true);
        assertThat(fake.tokenRequests()).isEqualTo(1);
        assertThat(fake.requests()).allSatisfy(r -> {
            assertThat(r.clientId()).isEqualTo(FakeIgdb.CLIENT_ID);
            assertThat(r.authorization()).startsWith("Bearer ");
        });
    }

    @Test
    void aRejectedTokenIsReplacedOnceAndTheCallSucceeds() {
        client.game(72L, true);
        fake.expireTokens();

        IgdbGame portal = client.game(72L, true);

        assertThat(portal.name()).isEqualTo("Portal 2");
        assertThat(fake.tokenRequests()).isEqualTo(2);
        assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(200, 401, 200);
    }

    @Test
    void instancesThatMeetARejectedTokenTogetherMintOnlyOneNewToken() throws Exception {
        client.game(72L, true);
        List<IgdbClient> instances = List.of(client(settings()), client(settings()), client(settings()));
        instances.forEach(c -> c.game(1942L, true)); // each has the stored token in memory now
        fake.expireTokens();

        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(instances.size())) {
            var calls = instances.stream().map(c -> threads.submit(() -> c.game(71L, true))).toList();
            for (var call : calls) {
                assertThat(call.get().id()).isEqualTo(71L);
            }
        } finally {
            instances.forEach(IgdbClient::close);
        }
        // One token at first, one replacement: the others found it stored and used it.
        assertThat(fake.tokenRequests()).isEqualTo(2);
    }

    @Test
    void badCredentialsAreTypedAndNamed() {
        var wrong = new IgdbSettings(FakeIgdb.CLIENT_ID, "not-the-secret", fake.igdbBaseUrl(), fake.tokenUrl(),
                Duration.ofMillis(275), 8, 2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(2),
                Duration.ofHours(24));
        try (IgdbClient bad = client(wrong)) {
            assertThatThrownBy(() -> bad.game(72L, true))
                    .isInstanceOf(IgdbException.BadCredentials.class)
                    .hasMessageContaining("IGDB_CLIENT_SECRET");
        }
        assertThat(fake.igdbRequests()).isZero();
    }

    @Test
    void a429WithoutRetryAfterIsRetriedAfterABackoff() {
        fake.enqueueFault(FakeIgdb.Fault.tooManyRequests());
        long start = System.nanoTime();

        assertThat(client.game(72L, true).name()).isEqualTo("Portal 2");

        assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(429, 200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(35));
    }

    @Test
    void a429WithRetryAfterWaitsAsLongAsAsked() {
        fake.enqueueFault(FakeIgdb.Fault.tooManyRequests(1));
        long start = System.nanoTime();

        client.game(72L, true);

        // The backoff alone would be 50 ms; Retry-After says a second.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(429, 200);
    }

    @Test
    void a500ThenSuccess() {
        fake.enqueueFault(FakeIgdb.Fault.serverError());

        assertThat(client.game(1942L, true).name()).isEqualTo("The Witcher 3: Wild Hunt");
        assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(500, 200);
    }

    @Test
    void aTimeoutIsRetried() {
        fake.enqueueFault(FakeIgdb.Fault.slow(Duration.ofSeconds(3)));
        long start = System.nanoTime();

        assertThat(client.game(72L, true).name()).isEqualTo("Portal 2");

        assertThat(fake.igdbRequests()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void connectionsIgdbClosedAfterEachAnswerCostNoAttemptAndNoRequest() {
        fake.closeConnectionAfterEachAnswer(true);
        try {
            client.game(72L, true); // a token, and a pooled connection the server has closed
            fake.resetRecording();
            fake.enqueueFault(FakeIgdb.Fault.tooManyRequests());
            fake.enqueueFault(FakeIgdb.Fault.serverError());

            // Four attempts: a dead connection that cost one would end this in UpstreamDown (a 502).
            assertThat(client.game(1942L, true).name()).isEqualTo("The Witcher 3: Wild Hunt");

            assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).containsExactly(429, 500, 200);
            assertThat(client.httpRequests()).as("one request start per request IGDB received").isEqualTo(1 + 3);
        } finally {
            fake.closeConnectionAfterEachAnswer(false);
        }
    }

    @Test
    void anUpstreamThatStaysDownEndsInATypedError() {
        IntStream.range(0, 4).forEach(i -> fake.enqueueFault(FakeIgdb.Fault.serverError()));

        assertThatThrownBy(() -> client.game(72L, true)).isInstanceOf(IgdbException.UpstreamDown.class);
        assertThat(fake.igdbRequests()).isEqualTo(4);
    }

    @Test
    void malformedJsonIsABadResponseAndIsNotCached() {
        fake.enqueueFault(FakeIgdb.Fault.malformedJson());

        assertThatThrownBy(() -> client.game(72L, false)).isInstanceOf(IgdbException.BadResponse.class);
        long cached = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM igdb_response").mapTo(Long.class).one());
        assertThat(cached).isZero();
        assertThat(client.game(72L, false).name()).isEqualTo("Portal 2");
    }

    @Test
    void idsIgdbDoesNotKnowAreAbsentOrNotFound() {
        assertThat(client.games(List.of(72L, 999_999_999L), true)).extracting(IgdbGame::id).containsExactly(72L);
        assertThatThrownBy(() -> client.game(999_999_999L, true))
                .isInstanceOf(IgdbException.NotFound.class)
                .hasMessageContaining("999999999");
    }

    @Test
    void gamesAreMappedAsTheOriginalDid() {
        IgdbGame portal = client.game(72L, true);

        assertThat(portal.coverUrl()).startsWith("https://images.igdb.com/igdb/image/upload/t_cover_big/")
                .endsWith(".jpg");
        assertThat(portal.firstReleaseDate()).hasToString("2011-04-19");
        assertThat(portal.platforms()).contains("pc");
        assertThat(portal.genres()).extracting(IgdbGame.Named::name).contains("Puzzle");
        assertThat(portal.gameType()).isEqualTo("main_game");
        assertThat(portal.raw().path("id").asLong()).isEqualTo(72L);
    }

    @Test
    void queriesAvoidTheDeprecatedFieldsAndQuoteSteamAppids() {
        var mapped = client.gameIdsBySteamAppId(List.of("620", "570"));

        assertThat(mapped.get("620")).contains(72L);
        assertThat(mapped).containsKey("570");
        client.games(List.of(72L), true);
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.body())
                .doesNotContain("category").doesNotContain("collection;").doesNotContain(" status"));
        assertThat(fake.requests().getFirst().body()).contains("external_game_source = 1").contains("\"620\"");
    }

    @Test
    void answersAreCachedUnlessFreshIsAsked() {
        client.game(72L, false);
        client.game(72L, false);
        assertThat(fake.igdbRequests()).isEqualTo(1);

        client.game(72L, true);
        assertThat(fake.igdbRequests()).isEqualTo(2);
    }

    @Test
    void thousandsOfAppidsTakeAHandfulOfRequests() {
        try (FakeIgdb big = FakeIgdb.start(FakeIgdbCatalog.generated(5_000, 7));
             // This test counts requests: a long timeout keeps a loaded machine's slow answers from adding retries.
             IgdbClient batched = client(settings().withUrls(big.igdbBaseUrl(), big.tokenUrl())
                     .withCallTimeout(Duration.ofSeconds(30)))) {
            jdbi.useHandle(h -> h.execute("TRUNCATE igdb_token"));
            big.enforceRateLimit(false); // this test counts requests; IgdbRateLimitTest checks the limits
            List<String> appids = big.catalog().externalGames().stream()
                    .filter(e -> e.externalGameSource() == FakeIgdbCatalog.STEAM)
                    .map(FakeIgdbCatalog.ExternalGame::uid).toList();

            var mapped = batched.gameIdsBySteamAppId(appids);
            var games = batched.games(mapped.values().stream().flatMap(List::stream).toList(), false);

            assertThat(mapped).hasSize(5_000);
            assertThat(games).hasSize(5_000);
            // 5,000 appids: 20 sub-queries = 2 multiqueries; 5,000 games: 10 sub-queries = 3 multiqueries.
            assertThat(big.igdbRequests()).as(big.requests().stream()
                    .map(r -> r.status() + " " + r.path() + " " + r.body().length()).toList().toString())
                    .isLessThanOrEqualTo(5);
        }
    }
}
