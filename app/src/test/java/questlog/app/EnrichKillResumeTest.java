package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.TestDatabase;

/**
 * {@code questlog enrich} killed mid-way (SIGKILL of the process, between chunks or inside one)
 * resumes where it was: a second {@code questlog enrich} follows the same job, the job runner
 * revives it once the dead process's heartbeat is stale, it carries on from the last committed
 * chunk, and the library ends exactly as after a run that was never interrupted.
 */
class EnrichKillResumeTest {
    static final int GAMES = 3_000; // three chunks

    @Test
    void aKilledEnrichmentResumesAndEndsAsAnUninterruptedOne() throws Exception {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(GAMES, 11);
        try (FakeIgdb fake = FakeIgdb.start(catalog);
             TestDatabase interrupted = new TestDatabase().start();
             TestDatabase uninterrupted = new TestDatabase().start()) {
            Jdbi broken = Jdbi.create(interrupted.dataSource());
            Jdbi whole = Jdbi.create(uninterrupted.dataSource());
            EnrichmentFixture.seed(broken, catalog);
            EnrichmentFixture.seed(whole, catalog);
            // Slow answers make the chunks slow enough to kill the process in the middle of the run.
            fake.setLatency(Duration.ofMillis(400));

            Process first = enrich(interrupted, fake, "first");
            Instant killedAt = waitForFirstChunk(broken, first);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Map<String, Object> stopped = job(broken);
            assertThat(stopped.get("state")).isEqualTo("running");
            assertThat((Long) stopped.get("done")).isGreaterThanOrEqualTo(1000).isLessThan(GAMES);

            Process second = enrich(interrupted, fake, "second");
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second enrich ends").isTrue();
            assertThat(second.exitValue()).as(output("second")).isZero();
            Map<String, Object> finished = job(broken);
            assertThat(finished.get("state")).isEqualTo("succeeded");
            assertThat((Integer) finished.get("attempts")).isEqualTo(2);
            assertThat(output("second")).contains("Following the enrichment already under way");
            // Work committed before the kill was not redone: those games were last written before it.
            long keptFromFirstRun = broken.withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM game WHERE last_synced_at < :killed")
                    .bind("killed", killedAt).mapTo(Long.class).one());
            assertThat(keptFromFirstRun).isGreaterThanOrEqualTo(1000);

            Process straight = enrich(uninterrupted, fake, "straight");
            assertThat(straight.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(straight.exitValue()).as(output("straight")).isZero();

            List<String> expected = EnrichmentFixture.state(whole);
            assertThat(expected).anyMatch(line -> line.startsWith("game seeded-0 ") && !line.contains(" - - "));
            assertThat(EnrichmentFixture.state(broken)).isEqualTo(expected);
        }
        for (String name : List.of("first", "second", "straight")) {
            Files.deleteIfExists(log(name));
        }
    }

    /** Starts {@code questlog enrich} in its own JVM against {@code db} and the fake IGDB. */
    static Process enrich(TestDatabase db, FakeIgdb fake, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "questlog.app.Main", "enrich")
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("IGDB_") || k.startsWith("JOB_") || k.equals("DATABASE_URL")
                || k.equals("QUESTLOG_ENV_FILE") || k.equals("REDIS_URL"));
        env.putAll(IgdbRoutesTest.igdbEnv(fake));
        env.put("DATABASE_URL", db.databaseUrlSetting());
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("JOB_HEARTBEAT_MS", "500");
        return builder.start();
    }

    static Path log(String name) {
        return new File(System.getProperty("java.io.tmpdir"), "questlog-enrich-" + name + "-"
                + ProcessHandle.current().pid() + ".log").toPath();
    }

    static String output(String name) {
        try {
            return Files.readString(log(name));
        } catch (Exception e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the first chunk is committed (and the process still runs); returns that instant. */
    static Instant waitForFirstChunk(Jdbi jdbi, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(output("first")).isTrue();
            Map<String, Object> job = job(jdbi);
            if (job != null && (Long) job.get("done") >= 1000) {
                return Instant.now();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no chunk was committed within 60 s: " + output("first"));
    }

    static Map<String, Object> job(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT state, done, attempts FROM job WHERE type = 'igdb_enrich' ORDER BY created_at DESC LIMIT 1")
                .mapToMap().findOne().map(HashMap::new).orElse(null));
    }
}
