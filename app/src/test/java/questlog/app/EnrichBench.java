package questlog.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Jobs;
import questlog.jobs.JobView;
import questlog.library.LibraryModule;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.TestDatabase;

/**
 * Enrichment benchmark (run by app/bench/enrich.sh): a library of N games that each carry a
 * Steam appid, enriched by the real job against a local IGDB that enforces IGDB's limits
 * (4 requests in any second, 8 open) and counts requests on its side. Prints the request count,
 * the time from submit to the job's end, and that time against what IGDB's rate allows for those
 * requests (requests / 4 per second) plus 20 %.
 */
public final class EnrichBench {

    public static void main(String[] args) throws Exception {
        int games = Integer.parseInt(System.getenv().getOrDefault("BENCH_GAMES", "10000"));
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(games, 42);
        try (FakeIgdb fake = FakeIgdb.start(catalog); TestDatabase db = new TestDatabase().start()) {
            fake.enforceRateLimit(true);
            int seeded = EnrichmentFixture.seed(Jdbi.create(db.dataSource()), catalog);
            Map<String, String> env = new HashMap<>(IgdbRoutesTest.igdbEnv(fake));
            env.put("PORT", "0");
            AppConfig base = AppConfig.fromEnv(env);
            AppConfig config = base.withDatabase(new AppConfig.DatabaseConfig(Optional.of(db.url()),
                    base.database().dataDir(), 6));
            try (AppDeps deps = AppDeps.build(config)) {
                long start = System.nanoTime();
                Jobs.JobRef job = deps.jobs.jobs().submitOnce(LibraryModule.ENRICH_JOB, "all", Map.of());
                JobView view;
                do {
                    Thread.sleep(20);
                    view = deps.jobs.job(job.id()).orElseThrow();
                } while (!view.isFinished());
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                int requests = fake.igdbRequests();
                Duration allowed = Duration.ofMillis(requests * 250L);
                Duration limit = Duration.ofMillis(requests * 300L);
                System.out.printf("games seeded               %d%n", seeded);
                System.out.printf("job state                  %s (%s)%n", view.state(), view.result());
                System.out.printf("IGDB requests              %d (token requests %d)%n", requests, fake.tokenRequests());
                System.out.printf("most requests in any 1 s   %d; most in flight %d; 429s for breaking limits %d%n",
                        fake.maxInAnyWindow(Duration.ofSeconds(1)), fake.maxInFlight(), fake.rateLimitViolations());
                System.out.printf("elapsed submit -> end      %d ms%n", elapsed.toMillis());
                System.out.printf("rate limit allows          %d ms (%d requests at 4/s); +20%% = %d ms -> %s%n",
                        allowed.toMillis(), requests, limit.toMillis(), elapsed.compareTo(limit) <= 0 ? "met" : "MISSED");
                System.out.printf("requests <= 25             %s%n", requests <= 25 ? "met" : "MISSED");
            }
        }
        System.exit(0);
    }
}
