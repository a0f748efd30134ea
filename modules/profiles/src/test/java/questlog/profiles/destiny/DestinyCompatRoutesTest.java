package questlog.profiles.destiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.Json;
import questlog.profiles.ProfilesServer;
import questlog.testsupport.TestDatabase;

/**
 * The original Questlog's /api/destiny/* routes over HTTP, as the profiles module serves them from
 * a stored Destiny 2 profile: path parameters, the original's 404 bodies, and the same answer
 * under /api/profiles. (The answers byte for byte: {@link DestinyRoutesTest}; the app's
 * problem+json and OpenAPI conformance of every original route: the app's ProfileViewRoutesTest.)
 */
class DestinyCompatRoutesTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    static final TestDatabase emptyDb = new TestDatabase();
    static final String PROFILE = "00000000-0000-4000-8000-0000000d0001";
    static ProfilesServer api;
    static ProfilesServer none;

    static final String SNAPSHOT = """
            {"membership_type": 3, "membership_id": "4611686018467284386", "bungie_name": "Guardian",
             "bungie_name_code": 1234, "synced_at": "2026-12-06T18:30:00Z",
             "characters": [{"character_id": "2305843009299499863", "class_type": 1, "race_type": 1, "gender_type": 1,
                             "light": 2010, "minutes_played": 48211, "date_last_played": "2026-12-05T21:14:02Z",
                             "emblem_path": "/common/destiny2_content/icons/e1a5c2d3.jpg",
                             "emblem_background_path": "/common/destiny2_content/icons/e1a5c2d3_bg.jpg", "deleted": false}],
             "stats": [{"mode": "allPvE", "scope": "account", "character_id": null,
                        "values": {"kills": 254310.0, "totalKillDistance": 12345678.5, "killsDeathsRatio": 201.5}}],
             "activities": [{"instance_id": "15000000005", "character_id": "2305843009299499863",
                             "reference_id": 1541433876, "mode": 4, "period": "2026-12-05T20:00:00Z",
                             "duration_seconds": 3480, "completed": true, "standing": null, "kills": 412, "deaths": 3,
                             "assists": 120, "score": 0, "team_score": 0, "kd_ratio": 137.0, "efficiency": 177.0}],
             "carnage_reports": {"15000000005": [{"display_name": "Guardian", "character_id": "2305843009299499863",
                                                   "character_class": "hunter", "light_level": 2010, "kills": 412,
                                                   "deaths": 3, "assists": 120, "score": 0, "completed": true,
                                                   "time_played_seconds": 3400}]},
             "activity_names": {"1541433876": "Salvation's Edge"}}""";

    @BeforeAll
    static void servers() {
        // Nothing is fetched here: the plugin's upstream is a closed port.
        api = ProfilesServer.start(db, List.of(DestinyFixtures.plugin("http://127.0.0.1:9/")));
        none = ProfilesServer.start(emptyDb, List.of(DestinyFixtures.plugin("http://127.0.0.1:9/")));
        api.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO profile (id, plugin, account_id, handle, display_name, data, synced_at, next_sync_at,
                                     created_at, updated_at)
                VALUES (CAST(:id AS uuid), 'destiny', '3:4611686018467284386', 'Guardian#1234', 'Guardian#1234',
                        CAST(:data AS jsonb), '2026-12-06T18:30:00Z', '2999-01-01T00:00:00Z', now(), now())""")
                .bind("id", PROFILE).bind("data", SNAPSHOT).execute());
    }

    @AfterAll
    static void stop() {
        api.close();
        none.close();
    }

    static JsonNode json(ProfilesServer.Response response) throws Exception {
        return Json.objectMapper().readTree(response.body());
    }

    @Test
    void withoutAProfileTheRoutesAnswerTheOriginalsDefaultsAnd404s() throws Exception {
        var profile = none.get("/api/destiny/profile");
        assertThat(profile.status()).isEqualTo(404);
        assertThat(json(profile).at("/details/error").asText()).isEqualTo("No Destiny 2 profile archived");
        var activity = none.get("/api/destiny/activities/15000000005");
        assertThat(activity.status()).isEqualTo(404);
        assertThat(json(activity).at("/details/error").asText()).isEqualTo("Activity not found");
        assertThat(none.get("/api/destiny/raids/stats").body()).isEqualTo("{\"total_attempts\":0,\"total_clears\":0,"
                + "\"clear_rate\":0.0,\"total_kills\":0,\"total_deaths\":0,\"raids\":[]}");
        assertThat(none.get("/api/destiny/activities?limit=0").body()).isEqualTo("{\"total\":0,\"activities\":[]}");
        assertThat(none.get("/api/destiny/characters").body()).isEqualTo("[]");
    }

    @Test
    void theStoredProfileIsServedAtTheOriginalsPaths() throws Exception {
        JsonNode profile = json(api.get("/api/destiny/profile"));
        assertThat(profile.get("bungie_name").asText()).isEqualTo("Guardian");
        assertThat(profile.get("last_synced").asText()).isEqualTo("2026-12-06T18:30:00Z");
        assertThat(profile.get("activity_count").asInt()).isEqualTo(1);

        var activity = api.get("/api/destiny/activities/15000000005");
        assertThat(activity.status()).isEqualTo(200);
        assertThat(activity.body()).startsWith("{\"instance_id\":\"15000000005\",\"activity_name\":\"Salvation's Edge\","
                + "\"mode_name\":\"Raid\",\"mode_category\":\"raid\",\"period\":\"2026-12-05T20:00:00Z\"")
                .contains("\"kd_ratio\":137.0,\"efficiency\":177.0,\"character_class\":\"hunter\",\"pgcr_entries\":[");
        assertThat(api.get("/api/destiny/activities/999").status()).isEqualTo(404);

        assertThat(api.get("/api/destiny/stats/allPvE").body()).contains("\"total_kill_distance\":12345678.5,");
        assertThat(api.get("/api/destiny/stats/allPvP").body()).isEqualTo("[]");
        assertThat(json(api.get("/api/destiny/raids/stats")).get("clear_rate").asDouble()).isEqualTo(1.0);

        // The same view per profile, with its path parameter after the view's name.
        assertThat(api.get("/api/profiles/destiny/" + PROFILE + "/activity/15000000005").body())
                .isEqualTo(activity.body());
        var missing = api.get("/api/profiles/destiny/" + PROFILE + "/activity/1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).at("/details/error").asText()).isEqualTo("Activity not found");
    }
}
