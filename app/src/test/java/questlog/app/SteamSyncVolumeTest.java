package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;
import questlog.testsupport.StreamClient;

/**
 * A 5,000-game Steam library synced through the real app, Steam and IGDB played by local
 * servers (IGDB with its rate limit on): at most 12 IGDB requests, no duplicate game when run
 * twice (the second run changes nothing), and a WebSocket client sees the progress and the end.
 */
class SteamSyncVolumeTest {
    static final FakeIgdbCatalog catalog = SteamLibraryFixture.catalog();
    static final FakeIgdb igdb = FakeIgdb.start(catalog);
    static final FakeSteam steam = FakeSteam.start();

    @RegisterExtension
    static final TestApp app = new TestApp(SteamSyncRoutesTest.env(igdb, steam));

    @AfterAll
    static void stopFakes() {
        igdb.close();
        steam.close();
    }

    @Test
    void aFiveThousandGameLibraryInAtMostTwelveIgdbRequestsWithoutDuplicatesAndWithLiveProgress() throws Exception {
        SteamLibraryFixture.fill(steam, catalog);
        SteamLibraryFixture.seed(app.deps().jdbi());
        StreamClient socket = StreamClient.open(app.wsUrl("types=sync_progress,sync_complete"));
        igdb.resetRecording();

        long started = System.nanoTime();
        JsonNode first = sync();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("succeeded");
        JsonNode result = first.path("result");
        assertThat(result.path("examined").asLong()).isEqualTo(SteamLibraryFixture.GAMES);
        assertThat(result.path("games_created").asLong())
                .isEqualTo(SteamLibraryFixture.GAMES - SteamLibraryFixture.ALREADY_IN_LIBRARY);
        assertThat(result.path("games_linked").asLong()).isEqualTo(SteamLibraryFixture.ALREADY_IN_LIBRARY);
        assertThat(result.path("playthroughs_created").asLong()).isEqualTo(SteamLibraryFixture.GAMES);
        int igdbRequests = igdb.igdbRequests();
        assertThat(igdbRequests).as("IGDB requests").isLessThanOrEqualTo(12);
        assertThat(igdb.rateLimitViolations()).isZero();
        assertThat(count("SELECT count(*) FROM game")).isEqualTo(SteamLibraryFixture.GAMES);
        assertThat(count("SELECT count(*) FROM game WHERE igdb_id IS NOT NULL"))
                .isEqualTo(SteamLibraryFixture.KNOWN_TO_IGDB);
        assertThat(count("SELECT count(*) FROM playthrough WHERE status = 'planned'"))
                .isEqualTo(SteamLibraryFixture.GAMES / 3);

        List<JsonNode> seen = events(socket, first.path("id").asText());
        List<JsonNode> progress = seen.stream().filter(e -> e.path("type").asText().equals("questlog:sync_progress")).toList();
        assertThat(progress.size()).as("progress events").isGreaterThanOrEqualTo(20);
        assertThat(progress.getLast().path("payload").path("done").asLong()).isEqualTo(SteamLibraryFixture.GAMES);
        assertThat(seen.getLast().path("type").asText()).isEqualTo("questlog:sync_complete");
        assertThat(seen.getLast().path("payload").path("result").path("games_created").asLong())
                .isEqualTo(result.path("games_created").asLong());

        List<String> after = SteamLibraryFixture.state(app.deps().jdbi());
        igdb.resetRecording();
        JsonNode second = sync();

        assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("result").path("games_created").asLong()).isZero();
        assertThat(second.path("result").path("games_known").asLong()).isEqualTo(SteamLibraryFixture.GAMES);
        assertThat(second.path("result").path("unchanged").asLong()).isEqualTo(SteamLibraryFixture.GAMES);
        assertThat(igdb.igdbRequests()).as("a re-run asks IGDB nothing").isZero();
        assertThat(SteamLibraryFixture.state(app.deps().jdbi())).isEqualTo(after);
        assertThat(count("SELECT count(*) FROM (SELECT name FROM game GROUP BY name HAVING count(*) > 1) d")).isZero();
        System.out.printf("steam-sync: %d games in %.1f s, %d IGDB requests, %d Steam requests%n",
                SteamLibraryFixture.GAMES, took.toMillis() / 1000.0, igdbRequests, steam.requests().size());
        socket.close();
    }

    static JsonNode sync() throws InterruptedException {
        var accepted = app.post("/api/sync/steam", Map.of("steam_id", SteamLibraryFixture.STEAM_ID));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String url = accepted.json().path("url").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = app.get(url).json();
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
            Thread.sleep(200);
        }
        return job;
    }

    /** The socket's events of one job, up to its sync_complete. */
    static List<JsonNode> events(StreamClient socket, String jobId) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String message = socket.messages.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            JsonNode event = TestApp.JSON.readTree(message);
            if (jobId.equals(event.path("payload").path("job").asText())) {
                seen.add(event);
                if (event.path("type").asText().equals("questlog:sync_complete")) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no sync_complete for job " + jobId + " on the socket; saw " + seen.size());
    }

    static long count(String sql) {
        return app.deps().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
