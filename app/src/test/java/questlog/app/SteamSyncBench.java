package questlog.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.jobs.JobView;
import questlog.profiles.steam.sync.SteamSyncAccepted;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;
import questlog.testsupport.TestDatabase;

/**
 * Steam library sync benchmark (run by app/bench/steam-sync.sh): the 5,000-game library of
 * {@link SteamLibraryFixture} synced by the real job against a local Steam and a local IGDB that
 * enforces IGDB's limits (4 requests in any second, 8 open). Prints the requests that reached each
 * upstream, the time from submit to the job's end, the least time those requests take at the
 * clients' own spacing (275 ms per IGDB start, 250 ms per Steam start), a re-run's time, and a
 * reference measured in the same run on the same database (5,000 one-row INSERT ... RETURNING in
 * one transaction), so figures from a busy machine can be compared by ratio.
 */
public final class SteamSyncBench {
    static final Duration IGDB_SPACING = Duration.ofMillis(275), STEAM_SPACING = Duration.ofMillis(250);

    public static void main(String[] args) throws Exception {
        FakeIgdbCatalog catalog = SteamLibraryFixture.catalog();
        try (FakeIgdb igdb = FakeIgdb.start(catalog); FakeSteam steam = FakeSteam.start();
             TestDatabase db = new TestDatabase().start()) {
            igdb.enforceRateLimit(true);
            SteamLibraryFixture.fill(steam, catalog);
            Jdbi jdbi = Jdbi.create(db.dataSource());
            SteamLibraryFixture.seed(jdbi);
            Map<String, String> env = new HashMap<>(SteamSyncRoutesTest.env(igdb, steam));
            env.put("PORT", "0");
            env.put("STEAM_REQUEST_INTERVAL_MS", String.valueOf(STEAM_SPACING.toMillis()));
            AppConfig base = AppConfig.fromEnv(env);
            AppConfig config = base.withDatabase(new AppConfig.DatabaseConfig(Optional.of(db.url()),
                    base.database().dataDir(), 6));
            try (AppDeps deps = AppDeps.build(config)) {
                Duration reference = reference(jdbi);
                igdb.resetRecording();
                steam.resetRecording();
                Duration first = sync(deps);
                int igdbRequests = igdb.igdbRequests();
                int steamRequests = steam.requests().size();
                Duration budget = IGDB_SPACING.multipliedBy(igdbRequests).plus(STEAM_SPACING.multipliedBy(steamRequests));
                igdb.resetRecording();
                Duration again = sync(deps);
                Duration referenceAfter = reference(jdbi);
                System.out.printf("games                      %d (%d known to IGDB, %d already in the library by name)%n",
                        SteamLibraryFixture.GAMES, SteamLibraryFixture.KNOWN_TO_IGDB, SteamLibraryFixture.ALREADY_IN_LIBRARY);
                System.out.printf("IGDB requests              %d (budget 12), rate-limit violations %d%n", igdbRequests,
                        igdb.rateLimitViolations());
                System.out.printf("Steam requests             %d%n", steamRequests);
                System.out.printf("sync, submit to end        %.1f s%n", seconds(first));
                System.out.printf("requests at their spacing  %.1f s (sync / that = %.0f)%n", seconds(budget),
                        seconds(first) / seconds(budget));
                System.out.printf("re-run (nothing changed)   %.1f s, %d IGDB requests%n", seconds(again), igdb.igdbRequests());
                System.out.printf("reference before / after   %.2f s / %.2f s (5,000 one-row INSERTs)%n", seconds(reference),
                        seconds(referenceAfter));
                System.out.printf("sync / reference           %.0f%n", seconds(first) / seconds(reference));
            }
        }
        // The fakes' and the HTTP clients' threads would keep the JVM alive a while longer.
        System.exit(0);
    }

    static Duration sync(AppDeps deps) throws InterruptedException {
        long start = System.nanoTime();
        SteamSyncAccepted job = deps.steamLibrary.submit(SteamLibraryFixture.STEAM_ID, false);
        JobView view;
        do {
            Thread.sleep(20);
            view = deps.jobs.job(UUID.fromString(job.id())).orElseThrow();
        } while (!view.isFinished());
        if (!"succeeded".equals(view.state())) {
            throw new IllegalStateException("the sync " + view.state() + ": " + view.error());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** 5,000 one-row INSERT ... RETURNING in one transaction: the database's pace on this machine now. */
    static Duration reference(Jdbi jdbi) {
        long start = System.nanoTime();
        jdbi.useTransaction(h -> {
            h.execute("CREATE TEMP TABLE bench_reference (id serial PRIMARY KEY, name text) ON COMMIT DROP");
            for (int i = 0; i < SteamLibraryFixture.GAMES; i++) {
                h.createQuery("INSERT INTO bench_reference (name) VALUES (:name) RETURNING id")
                        .bind("name", "game " + i).mapTo(Integer.class).one();
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
