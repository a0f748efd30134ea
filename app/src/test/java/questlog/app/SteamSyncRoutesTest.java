package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;

/**
 * {@code POST /api/sync/steam} through the real app, with Steam and IGDB played by local servers:
 * the account is checked before anything is queued, owned games become library games matched by
 * appid, IGDB id and name without duplicates, Steam playtime lands on Steam-sourced playthroughs
 * only, and a re-run changes only what changed. Every answer is checked against the OpenAPI document.
 */
class SteamSyncRoutesTest {
    static final String GABE = "76561197960287930";
    static final String HIDDEN = "76561198000000001";
    static final long RECENT = Instant.now().minus(Duration.ofDays(3)).getEpochSecond();
    static final long LONG_AGO = 1_600_000_000L;

    static final FakeIgdb igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
    static final FakeSteam steam = FakeSteam.start();

    @RegisterExtension
    static final TestApp app = new TestApp(env(igdb, steam));
    static final SpecChecked api = new SpecChecked(app);

    /** An app pointed at both fakes, with short waits for retries and jobs. */
    static Map<String, String> env(FakeIgdb igdb, FakeSteam steam) {
        Map<String, String> env = new HashMap<>(IgdbRoutesTest.igdbEnv(igdb));
        env.putAll(steamEnv(steam));
        return env;
    }

    static Map<String, String> steamEnv(FakeSteam steam) {
        return Map.of("STEAM_API_KEY", FakeSteam.API_KEY, "STEAM_API_BASE_URL", steam.baseUrl(),
                "STEAM_BACKOFF_MS", "20", "STEAM_MAX_ATTEMPTS", "3", "STEAM_REQUEST_INTERVAL_MS", "1",
                "JOB_POLL_INTERVAL_MS", "100");
    }

    @AfterAll
    static void stopFakes() {
        igdb.close();
        steam.close();
    }

    static long firstEvent;

    @BeforeEach
    void freshLibrary() {
        app.deps().jdbi().useHandle(h -> h.execute("TRUNCATE game, playthrough, job CASCADE"));
        firstEvent = count("SELECT COALESCE(max(id), 0) + 1 FROM event");
        steam.account(GABE, "Rabscuttle").vanity("gabelogannewell")
                .game(new FakeSteam.Game(620, "Portal 2", 1380, 95, RECENT))
                .game(1145360, "Hades", 2400, LONG_AGO)
                .game(367520, "Hollow Knight", 0, 0)
                .game(570, "Dota 2", 30, LONG_AGO)
                .game(999001, "Obscure Indie Thing", 45, LONG_AGO)
                .game(999002, "Never Heard Of It", 0, 0);
        steam.account(HIDDEN, "Shy").privateProfile(true).game(620, "Portal 2", 10, LONG_AGO);
    }

    @Test
    void ownedGamesBecomeGamesAndSteamPlaytimeBecomesPlaythroughs() throws InterruptedException {
        // Already in the library: Dota 2 holding its appid, and a game of the indie's exact name.
        assertThat(api.post("/api/games", Map.of("name", "Dota 2", "external_ids",
                List.of(Map.of("source", "steam", "external_id", "570")))).status()).isEqualTo(201);
        assertThat(api.post("/api/games", Map.of("name", "Obscure Indie Thing")).status()).isEqualTo(201);

        JsonNode job = sync(GABE);

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        JsonNode result = job.path("result");
        assertThat(result.path("examined").asLong()).isEqualTo(6);
        assertThat(result.path("games_created").asLong()).isEqualTo(4);
        assertThat(result.path("games_linked").asLong()).isEqualTo(1);
        assertThat(result.path("games_known").asLong()).isEqualTo(1);
        assertThat(result.path("playthroughs_created").asLong()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM game")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM external_id WHERE source = 'steam'")).isEqualTo(6);

        JsonNode portal = app.get("/api/games/portal-2").json();
        assertThat(portal.path("igdb_id").asLong()).isEqualTo(72);
        assertThat(portal.path("original_release_year").asInt()).isEqualTo(2011);
        assertThat(portal.path("external_ids").toString()).contains("\"steam\"").contains("620");
        JsonNode played = portal.path("playthroughs").get(0);
        assertThat(played.path("status").asText()).isEqualTo("playing");
        assertThat(played.path("playtime_minutes").asInt()).isEqualTo(1380);
        assertThat(played.path("source").asText()).isEqualTo("steam");
        assertThat(played.path("source_ref").asText()).isEqualTo(GABE + ":620");
        assertThat(played.path("platform").asText()).isEqualTo("PC");
        assertThat(status("hades")).isEqualTo("paused");
        assertThat(status("hollow-knight")).isEqualTo("planned");
        assertThat(status("never-heard-of-it")).isEqualTo("planned");
        assertThat(app.get("/api/games/obscure-indie-thing").json().path("external_ids").toString()).contains("999001");
        assertThat(app.get("/api/stats").json().path("backlog").path("planned").asLong()).isEqualTo(2);
        assertThat(events("questlog:game_added")).isEqualTo(2 + 4); // the two made by hand, then the sync's
        assertThat(events("questlog:playthrough_started")).isEqualTo(1);
        assertThat(events("questlog:sync_complete")).isEqualTo(1);
    }

    @Test
    void aReRunCreatesNoDuplicateAndChangesOnlyWhatChangedOnSteam() throws InterruptedException {
        assertThat(sync(GABE).path("state").asText()).isEqualTo("succeeded");
        long games = count("SELECT count(*) FROM game");
        // The user finishes Hades by hand, rates it, and logs a playthrough of their own.
        String hades = app.get("/api/games/hades").json().path("playthroughs").get(0).path("id").asText();
        assertThat(api.patch("/api/playthroughs/" + hades, Map.of("status", "completed", "completed_at", "2024-05-01",
                "rating", 9, "notes", "Loved it")).status()).isEqualTo(200);
        assertThat(api.post("/api/games/portal-2/playthroughs", Map.of("status", "completed",
                "completed_at", "2012-01-01", "playtime_minutes", 600)).status()).isEqualTo(201);
        // Then plays more: Hades and Hollow Knight (never played before).
        steam.account(GABE, "Rabscuttle").game(new FakeSteam.Game(1145360, "Hades", 2700, 300, RECENT))
                .game(new FakeSteam.Game(367520, "Hollow Knight", 60, 60, RECENT));
        long eventsBefore = count("SELECT count(*) FROM event");

        JsonNode second = sync(GABE);

        assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("result").path("games_created").asLong()).isZero();
        assertThat(second.path("result").path("games_known").asLong()).isEqualTo(6);
        assertThat(second.path("result").path("playthroughs_updated").asLong()).isEqualTo(2);
        assertThat(second.path("result").path("unchanged").asLong()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM game")).isEqualTo(games);
        JsonNode finished = app.get("/api/playthroughs/" + hades).json();
        assertThat(finished.path("playtime_minutes").asInt()).isEqualTo(2700);
        assertThat(finished.path("status").asText()).isEqualTo("completed");
        assertThat(finished.path("rating").asInt()).isEqualTo(9);
        assertThat(finished.path("notes").asText()).isEqualTo("Loved it");
        assertThat(status("hollow-knight")).isEqualTo("playing");
        JsonNode manual = app.get("/api/playthroughs?game=portal-2&status=completed").json().path("items").get(0);
        assertThat(manual.path("source").asText()).isEqualTo("manual");
        assertThat(manual.path("playtime_minutes").asInt()).isEqualTo(600);
        // Two playthrough events (Hades updated, Hollow Knight started), the job's progress and end.
        assertThat(count("SELECT count(*) FROM event WHERE id > " + eventsBefore
                + " AND type LIKE 'questlog:playthrough%'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM event WHERE id > " + eventsBefore
                + " AND type LIKE 'questlog:game%'")).isZero();
    }

    @Test
    void aVanityNameIsResolved() throws InterruptedException {
        var accepted = api.post("/api/sync/steam", Map.of("steam_id", "gabelogannewell"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("steam_id").asText()).isEqualTo(GABE);
        assertThat(accepted.json().path("persona_name").asText()).isEqualTo("Rabscuttle");
        assertThat(accepted.header("Location")).isEqualTo(accepted.json().path("url").asText());
        assertThat(waitForEnd(accepted.json().path("url").asText()).path("state").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void aPrivateProfileIsA403AndNothingIsQueuedOrWritten() {
        var refused = api.post("/api/sync/steam", Map.of("steam_id", HIDDEN));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("private");
        assertNothingQueuedOrWritten();
    }

    @Test
    void aVanityNameThatDoesNotResolveOrAnUnknownIdIsA404() {
        var unknownName = api.post("/api/sync/steam", Map.of("steam_id", "nobody-at-all"));
        assertThat(unknownName.status()).as(unknownName.toString()).isEqualTo(404);
        assertThat(unknownName.json().path("detail").asText()).contains("nobody-at-all");
        var unknownId = api.post("/api/sync/steam", Map.of("steam_id", "76561190000000000"));
        assertThat(unknownId.status()).as(unknownId.toString()).isEqualTo(404);
        assertNothingQueuedOrWritten();
    }

    @Test
    void aMalformedAccountIsA422NamingTheField() {
        for (Object bad : List.of("https://steamcommunity.com/id/x", "a", "x".repeat(40), "")) {
            var refused = api.post("/api/sync/steam", Map.of("steam_id", bad));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("steam_id");
        }
        var missing = api.post("/api/sync/steam", Map.of());
        assertThat(missing.status()).as(missing.toString()).isBetween(400, 422);
        assertThat(missing.body()).contains("steam_id");
        assertNothingQueuedOrWritten();
    }

    @Test
    void throttlingIsA429WithRetryAfterAndSteamDownIsA503() {
        for (int i = 0; i < 3; i++) {
            steam.enqueueFault(FakeSteam.Fault.tooManyRequests(0));
        }
        var throttled = api.post("/api/sync/steam", Map.of("steam_id", GABE));
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        for (int i = 0; i < 3; i++) {
            steam.enqueueFault(FakeSteam.Fault.serverError());
        }
        var down = api.post("/api/sync/steam", Map.of("steam_id", GABE));
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        steam.enqueueFault(FakeSteam.Fault.htmlInsteadOfJson());
        var html = api.post("/api/sync/steam", Map.of("steam_id", GABE));
        assertThat(html.status()).as(html.toString()).isEqualTo(502);
        assertNothingQueuedOrWritten();
    }

    @Test
    void aDryRunReportsAndKeepsNothing() throws InterruptedException {
        var accepted = api.post("/api/sync/steam", Map.of("steam_id", GABE, "dry_run", true));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode job = waitForEnd(accepted.json().path("url").asText());

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("result").path("dry_run").asBoolean()).isTrue();
        assertThat(job.path("result").path("games_created").asLong()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM game")).isZero();
        assertThat(count("SELECT count(*) FROM playthrough")).isZero();
        assertThat(events("questlog:game_added")).isZero();
    }

    static JsonNode sync(String account) throws InterruptedException {
        var accepted = api.post("/api/sync/steam", Map.of("steam_id", account));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return waitForEnd(accepted.json().path("url").asText());
    }

    static JsonNode waitForEnd(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = app.get(url).json();
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
            Thread.sleep(50);
        }
        return job;
    }

    static String status(String game) {
        return app.get("/api/games/" + game).json().path("playthroughs").get(0).path("status").asText();
    }

    static long count(String sql) {
        return app.deps().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static long events(String type) {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM event WHERE type = :type AND id >= :first")
                .bind("type", type).bind("first", firstEvent).mapTo(Long.class).one());
    }

    static void assertNothingQueuedOrWritten() {
        assertThat(count("SELECT count(*) FROM job")).isZero();
        assertThat(count("SELECT count(*) FROM game")).isZero();
        assertThat(count("SELECT count(*) FROM playthrough")).isZero();
    }
}
