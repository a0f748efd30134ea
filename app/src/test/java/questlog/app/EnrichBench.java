package questlog.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>A small enrichment runs first (its own database and IGDB), so the measured run sees a JVM
 * that has loaded and compiled the code, as a running server has; its figures are printed too.
 * {@code BENCH_WARMUP=0} skips it, to measure a cold JVM.
 */
public final class EnrichBench {

    public static void main(String[] args) throws Exception {
        int games = Integer.parseInt(System.getenv().getOrDefault("BENCH_GAMES", "10000"));
        if (!"0".equals(System.getenv("BENCH_WARMUP"))) {
            System.out.println("-- warm-up run, 2,000 games, fresh JVM");
            run(2_000, 7);
        }
        System.out.println("-- measured run, " + games + " games");
        boolean met = run(games, 42);
        System.exit(met ? 0 : 1);
    }

    /** One enrichment of {@code games} games from scratch; true when both targets are met. */
    static boolean run(int games, long seed) throws Exception {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(games, seed);
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
                    Thread.sleep(10);
                    view = deps.jobs.job(job.id()).orElseThrow();
                } while (!view.isFinished());
                long end = System.nanoTime();
                Duration elapsed = Duration.ofNanos(end - start);
                List<FakeIgdb.Recorded> seen = fake.requests();
                int requests = fake.igdbRequests();
                Duration allowed = Duration.ofMillis(requests * 250L);
                Duration limit = Duration.ofMillis(requests * 300L);
                boolean fast = elapsed.compareTo(limit) <= 0;
                System.out.printf("games seeded               %d%n", seeded);
                System.out.printf("job                        %s: %d matched, %d ambiguous, %d not found%n", view.state(),
                        view.result().path("matched").asLong(), view.result().path("ambiguous").asLong(),
                        view.result().path("not_found").asLong());
                System.out.printf("IGDB requests              %d (token requests %d)%n", requests, fake.tokenRequests());
                System.out.printf("most requests in any 1 s   %d; most in flight %d; 429s for breaking limits %d%n",
                        fake.maxInAnyWindow(Duration.ofSeconds(1)), fake.maxInFlight(), fake.rateLimitViolations());
                System.out.printf("elapsed submit -> end      %d ms%n", elapsed.toMillis());
                System.out.printf("first request arrived      %d ms after submit; job ended %d ms after the last answer%n",
                        (seen.stream().mapToLong(FakeIgdb.Recorded::arrivedNanos).min().orElse(start) - start) / 1_000_000,
                        (end - seen.stream().mapToLong(FakeIgdb.Recorded::finishedNanos).max().orElse(end)) / 1_000_000);
                System.out.printf("time inside the fake IGDB  %d ms in all%n", seen.stream()
                        .mapToLong(r -> r.finishedNanos() - r.arrivedNanos()).sum() / 1_000_000);
                System.out.printf("rate limit allows          %d ms (%d requests at 4/s); +20%% = %d ms -> %s%n",
                        allowed.toMillis(), requests, limit.toMillis(), fast ? "met" : "MISSED");
                System.out.printf("requests <= 25             %s%n", requests <= 25 ? "met" : "MISSED");
                if (fake.rateLimitViolations() > 0) {
                    long t0 = seen.stream().mapToLong(FakeIgdb.Recorded::arrivedNanos).min().orElse(0);
                    System.out.println("arrivals (ms, status): " + seen.stream().sorted(java.util.Comparator
                                    .comparingLong(FakeIgdb.Recorded::arrivedNanos))
                            .map(r -> (r.arrivedNanos() - t0) / 1_000_000 + ":" + r.status()).toList());
                }
                return fast && requests <= 25 && fake.rateLimitViolations() == 0;
            }
        }
    }
}
