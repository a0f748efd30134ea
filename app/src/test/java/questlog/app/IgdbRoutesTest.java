package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;

/**
 * The IGDB routes through the real app, with IGDB and Twitch played by a local server: games
 * created from IGDB by id or by title, the search proxy, a re-sync as a background job, and the
 * answers when IGDB misbehaves. Every answer is checked against the OpenAPI document.
 */
class IgdbRoutesTest {
    static final FakeIgdb fake = FakeIgdb.start(FakeIgdbCatalog.realistic());

    @RegisterExtension
    static final TestApp app = new TestApp(igdbEnv(fake));
    static final SpecChecked api = new SpecChecked(app);

    /** The environment that points an app at {@code fake}, with short waits for retries and jobs. */
    static Map<String, String> igdbEnv(FakeIgdb fake) {
        Map<String, String> env = new HashMap<>();
        env.put("IGDB_CLIENT_ID", FakeIgdb.CLIENT_ID);
        env.put("IGDB_CLIENT_SECRET", FakeIgdb.CLIENT_SECRET);
        env.put("IGDB_BASE_URL", fake.igdbBaseUrl());
        env.put("TWITCH_TOKEN_URL", fake.tokenUrl());
        env.put("IGDB_BACKOFF_MS", "20");
        env.put("IGDB_MAX_ATTEMPTS", "3");
        env.put("IGDB_TIMEOUT_MS", "2000");
        env.put("JOB_POLL_INTERVAL_MS", "100");
        return env;
    }

    @AfterAll
    static void stopFake() throws Exception {
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.resetRecording();
        app.deps().jdbi().useHandle(h -> h.execute("TRUNCATE game, genre, franchise, igdb_response CASCADE"));
    }

    static long games() {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM game").mapTo(Long.class).one());
    }

    @Test
    void aGameIsCreatedFromItsIgdbId() {
        var created = api.post("/api/games", Map.of("igdb_id", 72));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode game = created.json();
        assertThat(game.path("name").asText()).isEqualTo("Portal 2");
        assertThat(game.path("slug").asText()).isEqualTo("portal-2");
        assertThat(game.path("igdb_id").asLong()).isEqualTo(72);
        assertThat(game.path("cover_url").asText()).contains("/t_cover_big/");
        assertThat(game.path("original_release_year").asInt()).isEqualTo(2011);
        assertThat(game.path("platforms").toString()).contains("\"pc\"");
        assertThat(game.path("genres").toString()).contains("Puzzle");
        assertThat(game.path("editions").get(0).path("release_date").asText()).isEqualTo("2011-04-19");
        assertThat(game.path("last_synced_at").isTextual()).as(game.toString()).isTrue();
        assertThat(game.path("franchise").path("name").asText()).isEqualTo("Portal");
        String rawName = app.deps().jdbi().withHandle(h -> h.createQuery(
                "SELECT igdb_data ->> 'name' FROM game WHERE slug = 'portal-2'").mapTo(String.class).one());
        assertThat(rawName).isEqualTo("Portal 2");

        var again = api.post("/api/games", Map.of("igdb_id", 72));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(games()).isEqualTo(1);
    }

    @Test
    void racingCreatesOfOneIgdbGameMakeOneGame() throws Exception {
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var answers = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(i -> threads.submit(() -> app.post("/api/games", Map.of("igdb_id", 113112))))
                    .toList();
            int created = 0;
            int conflicts = 0;
            for (var answer : answers) {
                int status = answer.get().status();
                created += status == 201 ? 1 : 0;
                conflicts += status == 409 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(conflicts).isEqualTo(5);
        }
        assertThat(games()).isEqualTo(1);
    }

    @Test
    void theBodyWinsOverIgdb() {
        var created = api.post("/api/games", Map.of("igdb_id", 1942, "summary", "My own words", "slug", "tw3"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("slug").asText()).isEqualTo("tw3");
        assertThat(created.json().path("summary").asText()).isEqualTo("My own words");
        assertThat(created.json().path("name").asText()).isEqualTo("The Witcher 3: Wild Hunt");
    }

    @Test
    void aTitleMatchingOneGameCreatesIt() {
        var created = api.post("/api/games", Map.of("igdb_query", "Hades"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("name").asText()).isEqualTo("Hades");
    }

    @Test
    void anAmbiguousTitleIsA422ListingTheCandidatesAndWritesNothing() {
        var rejected = api.post("/api/games", Map.of("igdb_query", "Resident Evil"));

        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
        assertThat(rejected.body()).contains("igdb_query").contains("974").contains("1131");
        assertThat(games()).isZero();

        var withYear = api.post("/api/games", Map.of("igdb_query", "Resident Evil", "original_release_year", 2002));
        assertThat(withYear.status()).as(withYear.toString()).isEqualTo(201);
        assertThat(withYear.json().path("igdb_id").asLong()).isEqualTo(1131);
    }

    @Test
    void anIdIgdbDoesNotKnowIsA422() {
        var rejected = api.post("/api/games", Map.of("igdb_id", 999_999_999));

        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
        assertThat(rejected.body()).contains("IGDB has no game with id 999999999");
        assertThat(games()).isZero();
    }

    @Test
    void malformedJsonFromIgdbIsA502AndNothingIsWritten() {
        fake.enqueueFault(FakeIgdb.Fault.malformedJson());

        var failed = api.post("/api/games", Map.of("igdb_id", 72));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.json().path("detail").asText()).contains("nothing was changed");
        assertThat(games()).isZero();
    }

    @Test
    void igdbTrafficIsOnMetrics() {
        api.post("/api/games", Map.of("igdb_id", 1942));

        String metrics = app.get("/metrics").body();

        assertThat(metrics).contains("questlog_igdb_queries_total").contains("questlog_igdb_http_requests_total")
                .contains("questlog_igdb_cache_hits_total").contains("questlog_igdb_failures_total");
        assertThat(metrics).containsPattern("questlog_igdb_queries_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void anUpstreamThatStaysDownIsA502() {
        for (int i = 0; i < 3; i++) {
            fake.enqueueFault(FakeIgdb.Fault.serverError());
        }
        var failed = api.post("/api/games", Map.of("igdb_query", "Portal 2"));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(games()).isZero();
    }

    @Test
    void anIgdbThatClosesEveryConnectionAfterItsAnswerStillServesACreateThroughA429AndA500() {
        fake.closeConnectionAfterEachAnswer(true);
        try {
            // Leaves the client a pooled connection that the server has closed, as after every answer.
            assertThat(api.post("/api/games", Map.of("igdb_id", 72)).status()).isEqualTo(201);
            fake.enqueueFault(FakeIgdb.Fault.tooManyRequests());
            fake.enqueueFault(FakeIgdb.Fault.serverError());

            // Three attempts: were a dead connection to cost one, this would be a 502.
            var created = api.post("/api/games", Map.of("igdb_id", 1942));

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(fake.requests()).extracting(FakeIgdb.Recorded::status).endsWith(429, 500, 200);
        } finally {
            fake.closeConnectionAfterEachAnswer(false);
        }
    }

    @Test
    void searchProxiesIgdbForWriters() {
        api.post("/api/games", Map.of("igdb_id", 1942));

        var found = api.get("/api/igdb/search?q=witcher&limit=5", "Authorization", "Bearer " + app.writeToken());

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode items = found.json().path("items");
        assertThat(items.size()).isBetween(1, 5);
        JsonNode witcher = null;
        for (JsonNode item : items) {
            if (item.path("igdb_id").asLong() == 1942) {
                witcher = item;
            }
        }
        assertThat(witcher).isNotNull();
        assertThat(witcher.path("in_library").asText()).isEqualTo("the-witcher-3-wild-hunt");
        assertThat(witcher.path("cover_url").asText()).contains("t_cover_big");

        assertThat(app.get("/api/igdb/search?q=witcher").status()).isEqualTo(401);
        assertThat(app.get("/api/igdb/search", "Authorization", "Bearer " + app.writeToken()).status()).isEqualTo(400);
        assertThat(app.get("/api/igdb/search?q=x&limit=99", "Authorization", "Bearer " + app.writeToken()).status())
                .isEqualTo(400);
    }

    @Test
    void syncRefetchesInABackgroundJob() throws InterruptedException {
        api.post("/api/games", Map.of("igdb_id", 72, "summary", "stale words"));
        int before = fake.igdbRequests();

        var accepted = api.put("/api/games/portal-2/sync", null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String url = accepted.json().path("url").asText();
        assertThat(accepted.header("Location")).isEqualTo(url);
        JsonNode job = waitForEnd(url);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("result").path("changed").toString()).contains("summary");
        assertThat(fake.igdbRequests()).isGreaterThan(before); // fetched afresh, not from the cache
        assertThat(app.get("/api/games/portal-2").json().path("summary").asText()).isNotEqualTo("stale words");
    }

    @Test
    void syncNeedsAGameWithAnIgdbId() {
        api.post("/api/games", Map.of("name", "Homebrew Thing"));

        assertThat(api.put("/api/games/homebrew-thing/sync", null).status()).isEqualTo(422);
        assertThat(api.put("/api/games/no-such-game/sync", null).status()).isEqualTo(404);
    }

    static JsonNode waitForEnd(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = app.get(url).json();
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
            Thread.sleep(100);
        }
        return job;
    }
}
