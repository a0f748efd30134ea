package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeSteam;

/**
 * The original Questlog's {@code /api/steam/player} and {@code /api/steam/recent}, pinned field by
 * field (compat-profiles.md): names in camelCase, JSON types, defaults, Steam's order, the icon
 * URL, the clamping of {@code count}; served from the stored sync, refreshed at most once a minute
 * while polled.
 */
class SteamCompatRoutesTest {
    static final FakeSteam steam = FakeSteam.start();
    static final String GABE = "76561197960287930";

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("STEAM_API_KEY", FakeSteam.API_KEY, "STEAM_API_BASE_URL",
            steam.baseUrl(), "STEAM_MAX_ATTEMPTS", "1", "STEAM_REQUEST_INTERVAL_MS", "1"));
    static final SpecChecked api = new SpecChecked(app);
    static String profile;

    @BeforeAll
    static void aSyncedAccount() throws Exception {
        var gabe = steam.account(GABE, "Rabscuttle");
        for (int i = 1; i <= 25; i++) {
            gabe.game(new FakeSteam.Game(1000 + i, "Game " + i, 600 + i, 60 + i, 1754950000L - i * 3600L));
        }
        gabe.game(620, "Portal 2", 1380, 1704067200L);
        var created = app.post("/api/profiles/steam", Map.of("handle", GABE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        profile = created.header("Location");
        ProfilesRoutesTest.awaitJobOf(app, profile);
    }

    @AfterAll
    static void stopSteam() {
        steam.close();
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void playerHasTheOriginalsFieldsAndTypes() {
        var player = api.get("/api/steam/player");
        assertThat(player.status()).isEqualTo(200);
        assertThat(player.contentType()).startsWith("application/json");
        JsonNode p = player.json();
        assertThat(names(p)).containsExactly("personaName", "personaState", "currentGame", "currentGameId", "avatarUrl");
        assertThat(p.get("personaName").isTextual()).isTrue();
        assertThat(p.get("personaName").asText()).isEqualTo("Rabscuttle");
        assertThat(p.get("personaState").isInt()).isTrue();
        assertThat(p.get("personaState").asInt()).isZero();
        assertThat(p.get("currentGame").isNull()).as("not in a game").isTrue();
        assertThat(p.get("currentGameId").isNull()).isTrue();
        assertThat(p.get("avatarUrl").asText())
                .isEqualTo("https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_full.jpg");
    }

    @Test
    void recentHasTheOriginalsFieldsInSteamsOrderAndClampsCount() {
        JsonNode recent = api.get("/api/steam/recent").json();
        assertThat(recent.isArray()).isTrue();
        assertThat(recent).as("count defaults to 5").hasSize(5);
        JsonNode first = recent.get(0);
        assertThat(names(first)).containsExactly("appId", "name", "playtime2Weeks", "playtimeForever", "iconUrl");
        assertThat(first.get("appId").isIntegralNumber()).isTrue();
        assertThat(first.get("appId").asLong()).as("Steam's order: the latest played first").isEqualTo(1001);
        assertThat(first.get("name").asText()).isEqualTo("Game 1");
        assertThat(first.get("playtime2Weeks").isInt()).isTrue();
        assertThat(first.get("playtime2Weeks").asInt()).isEqualTo(61);
        assertThat(first.get("playtimeForever").asInt()).isEqualTo(601);
        assertThat(first.get("iconUrl").asText()).isEqualTo(
                "https://media.steampowered.com/steamcommunity/public/images/apps/1001/"
                        + String.format("%040x", 1001 * 2654435761L) + ".jpg");
        List<Long> order = new ArrayList<>();
        recent.forEach(g -> order.add(g.get("appId").asLong()));
        assertThat(order).containsExactly(1001L, 1002L, 1003L, 1004L, 1005L);

        assertThat(api.get("/api/steam/recent?count=12").json()).hasSize(12);
        assertThat(api.get("/api/steam/recent?count=0").json()).as("clamped to 1").hasSize(1);
        assertThat(api.get("/api/steam/recent?count=-4").json()).as("clamped to 1").hasSize(1);
        assertThat(api.get("/api/steam/recent?count=100").json()).as("clamped to 20").hasSize(20);
        assertThat(app.get("/api/steam/recent?count=lots").json()).as("not a number: the default").hasSize(5);
        assertThat(app.get("/api/steam/recent/").json()).as("with a trailing slash").hasSize(5);
    }

    @Test
    void aPolledPlayerIsRefreshedAtMostOnceAMinute() throws Exception {
        awaitNoSyncRunning();
        app.deps().jdbi().useHandle(h -> h.execute("UPDATE profile SET synced_at = now(), updated_at = now()"));
        long before = syncJobs();
        for (int i = 0; i < 5; i++) {
            assertThat(app.get("/api/steam/player").status()).isEqualTo(200);
        }
        assertThat(syncJobs()).as("fresh data: no refresh").isEqualTo(before);

        app.deps().jdbi().useHandle(h -> h.execute(
                "UPDATE profile SET synced_at = now() - interval '2 minutes', updated_at = now() - interval '2 minutes'"));
        for (int i = 0; i < 5; i++) {
            assertThat(app.get("/api/steam/player").status()).isEqualTo(200);
        }
        assertThat(syncJobs()).as("one refresh for five polls").isEqualTo(before + 1);
        awaitNoSyncRunning();
        app.get("/api/steam/player");
        assertThat(syncJobs()).isEqualTo(before + 1);
    }

    static void awaitNoSyncRunning() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (app.deps().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM job WHERE type = 'profile_sync' AND state IN ('queued', 'running')")
                .mapTo(Long.class).one()) > 0) {
            assertThat(System.nanoTime()).as("the refresh still runs").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static long syncJobs() {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM job WHERE type = 'profile_sync'")
                .mapTo(Long.class).one());
    }
}
