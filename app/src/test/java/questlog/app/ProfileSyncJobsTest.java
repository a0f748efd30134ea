package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeSteam;

/**
 * A profile sync is a job like any other: cancelled while it runs, it stops between Steam calls
 * and writes nothing; interrupted by a restart, it goes back to the queue and completes after.
 * Steam answers slowly here (a latency per request) so that the job is caught running.
 */
class ProfileSyncJobsTest {
    static final FakeSteam steam = FakeSteam.start();
    static final String GABE = "76561197960287930";

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("STEAM_API_KEY", FakeSteam.API_KEY, "STEAM_API_BASE_URL",
            steam.baseUrl(), "STEAM_MAX_ATTEMPTS", "1", "STEAM_REQUEST_INTERVAL_MS", "1",
            "JOB_THREADS", "1", "JOB_POLL_INTERVAL_MS", "100", "JOB_HEARTBEAT_MS", "200"));
    static String profile;

    @BeforeAll
    static void aProfile() throws Exception {
        var gabe = steam.account(GABE, "Rabscuttle");
        for (int i = 1; i <= 5; i++) {
            gabe.game(new FakeSteam.Game(1000 + i, "Game " + i, 600 + i, 60 + i, 1754950000L - i * 3600L));
        }
        var created = app.post("/api/profiles/steam", Map.of("handle", GABE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        profile = created.header("Location");
        ProfilesRoutesTest.awaitJobOf(app, profile);
    }

    @AfterAll
    static void stopSteam() {
        steam.close();
    }

    static JsonNode awaitState(String jobUrl, String... states) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode job = app.get(jobUrl).json();
            for (String state : states) {
                if (job.path("state").asText().equals(state)) {
                    return job;
                }
            }
            assertThat(System.nanoTime()).as(jobUrl + " is " + job.path("state").asText()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aCancelledSyncStopsBetweenSteamCallsAndWritesNothing() throws Exception {
        JsonNode before = app.get(profile).json();
        steam.setLatency(Duration.ofMillis(400));
        try {
            String job = app.post(profile + "/sync", Map.of()).json().get("url").asText();
            awaitState(job, "running");
            assertThat(app.post(job + "/cancel", null).status()).isEqualTo(202);
            assertThat(awaitState(job, "cancelled", "succeeded", "failed").path("state").asText()).isEqualTo("cancelled");
        } finally {
            steam.setLatency(Duration.ZERO);
        }
        JsonNode after = app.get(profile).json();
        assertThat(after.get("data")).isEqualTo(before.get("data"));
        assertThat(after.get("synced_at")).isEqualTo(before.get("synced_at"));
        assertThat(after.get("snapshot_count")).isEqualTo(before.get("snapshot_count"));
    }

    @Test
    void aSyncInterruptedByARestartCompletesAfterIt() throws Exception {
        steam.setLatency(Duration.ofMillis(400));
        String job;
        try {
            job = app.post(profile + "/sync", Map.of()).json().get("url").asText();
            awaitState(job, "running");
            app.restart();
        } finally {
            steam.setLatency(Duration.ZERO);
        }
        JsonNode done = awaitState(job, "succeeded", "failed", "cancelled");
        assertThat(done.path("state").asText()).isEqualTo("succeeded");
        assertThat(done.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(app.get(profile).json().get("sync_error").isNull()).isTrue();
    }
}
