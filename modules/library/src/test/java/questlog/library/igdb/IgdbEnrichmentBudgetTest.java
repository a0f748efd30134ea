package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestJobContext;

/**
 * The request budget: 10,000 games with known Steam appids cost at most 25 IGDB requests, counted
 * at the server, which also enforces IGDB's limits. (Its timing is app/bench/enrich.sh's subject.)
 */
class IgdbEnrichmentBudgetTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void tenThousandGamesWithSteamAppidsTakeAtMostTwentyFiveRequests() throws Exception {
        Jdbi jdbi = LibraryTestSupport.jdbi(db);
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(10_000, 5);
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("""
                    WITH g AS (INSERT INTO game (name, slug) VALUES (:name, :slug) RETURNING id)
                    INSERT INTO external_id (source, external_id, game_id) SELECT 'steam', :appid, id FROM g""");
            for (var row : catalog.externalGames()) {
                if (row.externalGameSource() == FakeIgdbCatalog.STEAM) {
                    batch.bind("name", catalog.game(row.game()).orElseThrow().name())
                            .bind("slug", "game-" + row.game()).bind("appid", row.uid()).add();
                }
            }
            batch.execute();
        });
        try (FakeIgdb fake = FakeIgdb.start(catalog);
             IgdbClient client = new IgdbClient(IgdbSettings.defaults(FakeIgdb.CLIENT_ID, FakeIgdb.CLIENT_SECRET)
                     .withUrls(fake.igdbBaseUrl(), fake.tokenUrl()), jdbi, LibraryTestSupport.json(), Clock.systemUTC())) {
            var job = new IgdbEnrichment(jdbi, client, new IgdbMetadata(LibraryTestSupport.json()),
                    new RecordingEventLog(), Clock.systemUTC());

            var result = (IgdbEnrichment.Progress) job.run(new TestJobContext(Map.of()));

            assertThat(result.matched()).isEqualTo(10_000);
            assertThat(fake.igdbRequests()).isLessThanOrEqualTo(25);
            assertThat(fake.tokenRequests()).isEqualTo(1);
            assertThat(fake.rateLimitViolations()).isZero();
            long linked = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game WHERE igdb_id IS NOT NULL")
                    .mapTo(Long.class).one());
            assertThat(linked).isEqualTo(10_000);
        }
    }
}
