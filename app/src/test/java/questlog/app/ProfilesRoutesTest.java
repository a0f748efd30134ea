package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeSteam;

/**
 * Profiles through the real app, with the Steam plugin reaching a local Steam that replays Steam's
 * answers: adding, syncing (a real job), reading, changing and removing a profile; a Steam account
 * in the detail of the games it owns; upstream failures as clear answers with nothing written.
 */
class ProfilesRoutesTest {
    static final FakeSteam steam = FakeSteam.start();
    static final String GABE = "76561197960287930";
    static final String PRIVATE = "76561197960287931";

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("STEAM_API_KEY", FakeSteam.API_KEY, "STEAM_API_BASE_URL",
            steam.baseUrl(), "STEAM_MAX_ATTEMPTS", "1", "STEAM_BACKOFF_MS", "1", "STEAM_REQUEST_INTERVAL_MS", "1"));
    @RegisterExtension
    static final TestApp withoutKey = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void accounts() {
        var gabe = steam.account(GABE, "Rabscuttle").vanity("gabelogannewell");
        for (int i = 1; i <= 25; i++) {
            // Played recently, the latest first in Steam's order: app 1 was played last.
            gabe.game(new FakeSteam.Game(1000 + i, "Game " + i, 600 + i, 60 + i, 1754950000L - i * 3600L));
        }
        gabe.game(620, "Portal 2", 1380, 1704067200L);
        steam.account(PRIVATE, "Hidden").vanity("hidden-one").privateProfile(true);
        assertThat(api.post("/api/games", Map.of("name", "Portal 2", "external_ids",
                List.of(Map.of("source", "steam", "external_id", "620")))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stopSteam() {
        steam.close();
    }

    static JsonNode awaitJob(String url) throws InterruptedException {
        return awaitJob(app, url);
    }

    /** Waits for the profile's sync job (the one queued or running, else the latest) to end. */
    static JsonNode awaitJobOf(TestApp app, String profileUrl) throws InterruptedException {
        var sync = app.post(profileUrl + "/sync", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        return awaitJob(app, sync.json().get("url").asText());
    }

    static JsonNode awaitJob(TestApp app, String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode job = app.get(url).json();
            String state = job.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job " + url + " still " + state).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static long profiles() {
        return app.get("/api/profiles").json().path("total").asLong();
    }

    @Test
    void aSteamProfileIsAddedSyncedReadChangedAndRemoved() throws Exception {
        var created = api.post("/api/profiles/steam", Map.of("handle", "https://steamcommunity.com/id/gabelogannewell/"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode profile = created.json();
        String url = "/api/profiles/steam/" + profile.get("id").asText();
        assertThat(created.header("Location")).isEqualTo(url);
        assertThat(profile.get("account_id").asText()).isEqualTo(GABE);
        assertThat(profile.get("handle").asText()).isEqualTo("gabelogannewell");
        assertThat(profile.get("display_name").asText()).isEqualTo("Rabscuttle");
        assertThat(profile.get("game").isNull()).isTrue();

        // The first sync was queued when it was added: asking again returns that job.
        var sync = api.post(url + "/sync", Map.of());
        assertThat(sync.status()).isEqualTo(202);
        assertThat(sync.header("Location")).isEqualTo(sync.json().get("url").asText());
        assertThat(awaitJob(sync.json().get("url").asText()).path("state").asText()).isEqualTo("succeeded");

        JsonNode detail = api.get(url).json();
        assertThat(detail.get("sync_error").isNull()).isTrue();
        assertThat(detail.at("/data/games")).hasSize(26);
        assertThat(detail.get("snapshot_count").asInt()).isEqualTo(1);
        assertThat(detail.get("views")).extracting(JsonNode::asText)
                .containsExactly(url + "/player", url + "/recent", url + "/games", url + "/achievements");
        assertThat(api.get(url + "/recent?count=3").json()).hasSize(3);
        assertThat(api.get(url + "/games").json().get(0).get("name").asText()).isEqualTo("Portal 2");
        List<String> listed = new ArrayList<>();
        api.get("/api/profiles/steam?limit=100").json().path("items").forEach(p -> listed.add(p.get("id").asText()));
        assertThat(listed).contains(profile.get("id").asText());

        // The account is in the detail of the games it owns that the library knows by appid.
        JsonNode portal = api.get("/api/games/portal-2").json();
        assertThat(portal.get("profiles")).singleElement().satisfies(p -> {
            assertThat(p.get("account_wide").asBoolean()).isTrue();
            assertThat(p.at("/data/playtime_minutes").asInt()).isEqualTo(1380);
            assertThat(p.get("url").asText()).isEqualTo(url);
        });

        var events = app.get("/api/events?types=profile_synced&limit=100").json();
        List<String> verbs = new ArrayList<>();
        events.path("items").forEach(e -> verbs.add(e.at("/payload/verb").asText()));
        assertThat(verbs).containsSubsequence("added", "synced");

        var patched = api.patch(url, Map.of("settings", Map.of("show_on_overlay", true)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/settings/show_on_overlay").asBoolean()).isTrue();
        assertThat(api.patch(url, Map.of("game", "portal-2")).status()).as("a Steam account spans games").isEqualTo(422);

        var again = api.post("/api/profiles/steam", Map.of("handle", GABE));
        assertThat(again.status()).isEqualTo(409);

        assertThat(app.delete(url).status()).isEqualTo(204);
        assertThat(api.get(url).status()).isEqualTo(404);
        assertThat(api.get("/api/games/portal-2").json().get("profiles")).isEmpty();
    }

    @Test
    void aFailedSyncKeepsTheLastGoodDataAndSaysWhy() throws Exception {
        var account = steam.account("76561197960287940", "Soon Hidden").game(70, "Half-Life", 90, 1704067200L);
        var created = api.post("/api/profiles/steam", Map.of("handle", account.steamId()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String url = created.header("Location");
        assertThat(awaitJobOf(app, url).path("state").asText()).isEqualTo("succeeded");
        JsonNode good = api.get(url).json().get("data");

        account.privateProfile(true);
        var sync = api.post(url + "/sync", Map.of());
        JsonNode job = awaitJob(sync.json().get("url").asText());
        assertThat(job.path("state").asText()).isEqualTo("failed");
        assertThat(job.path("error").asText()).contains("private");
        JsonNode detail = api.get(url).json();
        assertThat(detail.get("sync_error").asText()).isEqualTo(job.path("error").asText());
        assertThat(detail.get("data")).isEqualTo(good);

        account.privateProfile(false);
        assertThat(awaitJobOf(app, url).path("state").asText()).isEqualTo("succeeded");
        assertThat(api.get(url).json().get("sync_error").isNull()).isTrue();
    }

    @Test
    void upstreamFailuresAreClearAnswersAndWriteNothing() {
        long before = profiles();
        assertProblem(api.post("/api/profiles/steam", Map.of("handle", "nobody-has-this-name")), 404, "nobody-has-this-name");
        assertProblem(api.post("/api/profiles/steam", Map.of("handle", "76561197960287999")), 404, "76561197960287999");
        assertProblem(api.post("/api/profiles/steam", Map.of("handle", "hidden-one")), 403, "private");
        steam.enqueueFault(FakeSteam.Fault.tooManyRequests(-1));
        var throttled = api.post("/api/profiles/steam", Map.of("handle", GABE));
        assertProblem(throttled, 429, "429");
        assertThat(throttled.json().get("reason").asText()).isEqualTo("rate_limited");
        assertThat(throttled.header("Retry-After")).isEqualTo("60");
        steam.enqueueFault(FakeSteam.Fault.tooManyRequests(7));
        assertThat(api.post("/api/profiles/steam", Map.of("handle", GABE)).header("Retry-After")).isEqualTo("7");
        steam.enqueueFault(FakeSteam.Fault.serverError());
        assertProblem(api.post("/api/profiles/steam", Map.of("handle", GABE)), 503, "Steam");
        steam.enqueueFault(FakeSteam.Fault.htmlInsteadOfJson());
        assertProblem(api.post("/api/profiles/steam", Map.of("handle", GABE)), 502, "Steam");
        var invalid = api.post("/api/profiles/steam", Map.of("handle", "not a handle"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/errors/0/field").asText()).isEqualTo("handle");
        assertThat(api.post("/api/profiles/nosuchplugin", Map.of("handle", "x")).status()).isEqualTo(404);
        assertThat(profiles()).isEqualTo(before);
    }

    @Test
    void withoutAKeySteamIsAClear503AndTheOriginalRoutesAnswerTheirDefaults() {
        var refused = withoutKey.post("/api/profiles/steam", Map.of("handle", GABE));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("detail").asText()).contains("STEAM_API_KEY");
        assertThat(withoutKey.get("/api/steam/player").body()).isEqualTo(
                "{\"personaName\":\"\",\"personaState\":0,\"currentGame\":null,\"currentGameId\":null,\"avatarUrl\":\"\"}");
        assertThat(withoutKey.get("/api/steam/recent").body()).isEqualTo("[]");
    }

    @Test
    void theAuthorizationRoutesNeedTheWriteTokenAndAPluginThatOffersOne() {
        String profile = "/api/profiles/steam/" + java.util.UUID.randomUUID();
        var callback = Map.of("code", "code-from-redirect", "state", "state-from-redirect");
        assertThat(app.send("POST", profile + "/oauth/start", null).status()).isEqualTo(401);
        assertThat(app.send("POST", profile + "/oauth/callback", callback).status()).isEqualTo(401);
        assertThat(app.send("POST", profile + "/oauth/start", null, "Authorization", "Bearer "
                + app.deps().tokens().create("reader", java.util.List.of("read")).secret()).status()).isEqualTo(403);
        assertProblem(api.post(profile + "/oauth/start", null), 404, "needs no authorization");
        assertProblem(api.post(profile + "/oauth/callback", callback), 404, "needs no authorization");
        assertThat(api.post("/api/profiles/nosuchplugin/" + java.util.UUID.randomUUID() + "/oauth/start", null)
                .status()).isEqualTo(404);
        var missing = api.post(profile + "/oauth/callback", Map.of("code", "code-from-redirect"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("state");
    }

    static void assertProblem(TestApp.Response response, int status, String detailContains) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
        assertThat(response.json().get("detail").asText()).contains(detailContains).doesNotContain(FakeSteam.API_KEY);
    }
}
