package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.TestDatabase;

/**
 * IGDB's limits hold under contention: 200 single-game lookups from 16 threads, each answer
 * taking long enough that more than 8 would be open at once if nothing stopped them. The fake
 * server measures arrivals and open requests on its side, where IGDB would count them.
 * (Takes about a minute: 200 requests at IGDB's 4 per second.)
 */
@Isolated("measures request timing at the fake server; other test classes' CPU load would blur arrivals")
class IgdbRateLimitTest {

    @Test
    void twoHundredLookupsFromSixteenThreadsStayWithinFourPerSecondAndEightInFlight() throws Exception {
        try (var db = new TestDatabase().start();
             FakeIgdb fake = FakeIgdb.start(FakeIgdbCatalog.generated(200, 3))) {
            Jdbi jdbi = LibraryTestSupport.jdbi(db);
            // 2.4 s per answer: at one start per 275 ms about 9 would be open without the 8-slot cap.
            fake.setLatency(Duration.ofMillis(2400));
            var settings = IgdbSettings.defaults(FakeIgdb.CLIENT_ID, FakeIgdb.CLIENT_SECRET)
                    .withUrls(fake.igdbBaseUrl(), fake.tokenUrl())
                    .withCallTimeout(Duration.ofSeconds(20));
            List<Long> ids = fake.catalog().games().stream().map(g -> g.id()).toList();
            List<IgdbGame> found = new ArrayList<>();
            try (IgdbClient client = new IgdbClient(settings, jdbi, LibraryTestSupport.json(), Clock.systemUTC());
                 ExecutorService threads = Executors.newFixedThreadPool(16)) {
                List<Future<IgdbGame>> lookups = new ArrayList<>();
                for (long id : ids) {
                    lookups.add(threads.submit(() -> client.game(id, true)));
                }
                for (Future<IgdbGame> lookup : lookups) {
                    found.add(lookup.get());
                }
            }

            assertThat(found).hasSize(200);
            String seen = "in flight %d, most in 1 s %d, 429s %d".formatted(fake.maxInFlight(),
                    fake.maxInAnyWindow(Duration.ofSeconds(1)), fake.rateLimitViolations());
            assertThat(fake.igdbRequests()).as(seen).isEqualTo(200);
            assertThat(fake.rateLimitViolations()).isZero();
            assertThat(fake.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(4);
            assertThat(fake.maxInFlight()).isLessThanOrEqualTo(8).isGreaterThanOrEqualTo(7);
        }
    }
}
