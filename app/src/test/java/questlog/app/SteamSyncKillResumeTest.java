package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;
import questlog.testsupport.TestDatabase;

/**
 * {@code questlog sync steam} of a 5,000-game library, killed (SIGKILL of its JVM) after some steps
 * were committed, then run again: the second command follows the same job, the job runner revives
 * it once the dead process's heartbeat is stale, it carries on after the last committed step, and
 * the library ends exactly as after a run that was never interrupted.
 */
class SteamSyncKillResumeTest {

    @Test
    void aKilledSyncResumesAndEndsAsAnUninterruptedOne() throws Exception {
        FakeIgdbCatalog catalog = SteamLibraryFixture.catalog();
        try (FakeIgdb igdb = FakeIgdb.start(catalog);
             FakeSteam steam = FakeSteam.start();
             TestDatabase interrupted = new TestDatabase().start();
             TestDatabase uninterrupted = new TestDatabase().start()) {
            SteamLibraryFixture.fill(steam, catalog);
            Jdbi broken = Jdbi.create(interrupted.dataSource());
            Jdbi whole = Jdbi.create(uninterrupted.dataSource());
            SteamLibraryFixture.seed(broken);
            SteamLibraryFixture.seed(whole);

            QuestlogProcess first = sync(interrupted, igdb, steam, "first");
            waitForSomeSteps(broken, first);
            first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Map<String, Object> stopped = SteamLibraryFixture.job(broken);
            assertThat(stopped.get("state")).isEqualTo("running");
            long doneBeforeKill = (Long) stopped.get("done");
            assertThat(doneBeforeKill).isPositive().isLessThan(SteamLibraryFixture.GAMES);

            QuestlogProcess second = sync(interrupted, igdb, steam, "second");
            assertThat(second.process().waitFor(10, TimeUnit.MINUTES)).as("the second sync ends").isTrue();
            assertThat(second.process().exitValue()).as(second.output()).isZero();
            assertThat(second.output()).contains("Following the sync already under way");
            Map<String, Object> finished = SteamLibraryFixture.job(broken);
            assertThat(finished.get("state")).isEqualTo("succeeded");
            assertThat((Integer) finished.get("attempts")).isEqualTo(2);
            // The resumed run did only what was left: its result counts every game once.
            long created = broken.withHandle(h -> h.createQuery(
                    "SELECT (result->>'games_created')::bigint FROM job WHERE type = 'steam_library_sync'")
                    .mapTo(Long.class).one());
            assertThat(created).isEqualTo(SteamLibraryFixture.GAMES - SteamLibraryFixture.ALREADY_IN_LIBRARY);

            QuestlogProcess straight = sync(uninterrupted, igdb, steam, "straight");
            assertThat(straight.process().waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(straight.process().exitValue()).as(straight.output()).isZero();

            List<String> expected = SteamLibraryFixture.state(whole);
            assertThat(expected).hasSizeGreaterThan(2 * SteamLibraryFixture.GAMES - 1);
            assertThat(SteamLibraryFixture.state(broken)).isEqualTo(expected);
            for (QuestlogProcess p : List.of(first, second, straight)) {
                Files.deleteIfExists(p.log());
            }
        }
    }

    /** {@code questlog sync steam <id>} in its own JVM against {@code db} and the two fakes. */
    static QuestlogProcess sync(TestDatabase db, FakeIgdb igdb, FakeSteam steam, String name) throws Exception {
        Map<String, String> env = new HashMap<>(SteamSyncRoutesTest.env(igdb, steam));
        env.put("DATABASE_URL", db.databaseUrlSetting());
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("JOB_HEARTBEAT_MS", "500");
        Path log = new File(System.getProperty("java.io.tmpdir"), "questlog-steam-sync-" + name + "-"
                + ProcessHandle.current().pid() + ".log").toPath();
        return QuestlogProcess.start(log, env, "sync", "steam", SteamLibraryFixture.STEAM_ID);
    }

    /** Waits until a few steps are committed (the process still running). */
    static void waitForSomeSteps(Jdbi jdbi, QuestlogProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.process().isAlive()).as(process.output()).isTrue();
            Map<String, Object> job = SteamLibraryFixture.job(jdbi);
            if (job != null && (Long) job.get("done") >= 1000) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no step was committed within 5 minutes: " + process.output());
    }
}
