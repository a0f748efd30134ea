package questlog.profiles.destiny;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.profiles.destiny.DestinyFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import questlog.common.Json;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileView;
import questlog.profiles.ReplayingUpstream;

/**
 * The original Questlog's {@code /api/destiny/*} answers pinned byte for byte, as the app's shared
 * mapper writes them: field names and order, types (floats always with a fraction, never in
 * exponent form below 1e16), nulls, 404 bodies, clamping of {@code limit} and {@code offset},
 * exact filters and half-even rounding.
 */
class DestinyRoutesTest {
    static final ObjectMapper JSON = Json.objectMapper();
    static ReplayingUpstream upstream;
    static DestinyPlugin plugin;
    static DestinySnapshot snapshot;

    @BeforeAll
    static void sync() {
        upstream = ReplayingUpstream.start();
        plugin = DestinyFixtures.plugin(upstream.baseUrl());
        account(upstream);
        snapshot = plugin.fetch(ACCOUNT, FetchContext.first());
    }

    @AfterAll
    static void stop() {
        plugin.close();
        upstream.close();
    }

    static String read(String view, Optional<DestinySnapshot> latest, Map<String, String> params) throws Exception {
        ProfileView<DestinySnapshot> found = plugin.views().stream().filter(v -> v.name().equals(view)).findFirst()
                .orElseThrow();
        return JSON.writeValueAsString(found.read(latest, name -> Optional.ofNullable(params.get(name))));
    }

    static String read(String view, Map<String, String> params) throws Exception {
        return read(view, Optional.of(snapshot), params);
    }

    static String legacyPath(String view) {
        return plugin.views().stream().filter(v -> v.name().equals(view)).findFirst().orElseThrow().legacyPath();
    }

    @Test
    void theRoutesAreTheOriginalsPaths() {
        assertThat(plugin.views()).extracting(ProfileView::legacyPath).containsExactly("/api/destiny/profile",
                "/api/destiny/characters", "/api/destiny/stats", "/api/destiny/stats/{mode}",
                "/api/destiny/activities", "/api/destiny/activities/{instance_id}", "/api/destiny/raids/stats");
    }

    @Test
    void profile() throws Exception {
        assertThat(read("profile", Map.of())).isEqualTo("{\"id\":\"76274264-2af6-31ee-96a7-d42e5257cda9\",\"bungie_name\":\"Guardian\",\"bungie_name_code\":1234,\"membe"
                + "rship_type\":3,\"membership_id\":\"4611686018467284386\",\"last_synced\":\"2026-12-06T18:30:00Z\",\"characters"
                + "\":[{\"id\":\"b421f8fb-af7c-3b3e-94c7-eef3e14accba\",\"character_id\":\"2305843009299499863\",\"character_clas"
                + "s\":\"hunter\",\"race\":\"awoken\",\"gender\":\"female\",\"light_level\":2010,\"minutes_played\":48211,\"date_last_p"
                + "layed\":\"2026-12-05T21:14:02Z\",\"emblem_path\":\"/common/destiny2_content/icons/e1a5c2d3.jpg\",\"emblem_ba"
                + "ckground_path\":\"/common/destiny2_content/icons/e1a5c2d3_bg.jpg\",\"is_deleted\":false},{\"id\":\"ceb69c56-"
                + "0fc3-3bc6-ba1b-1ff24584dae3\",\"character_id\":\"2305843009299499865\",\"character_class\":\"titan\",\"race\":\""
                + "human\",\"gender\":\"male\",\"light_level\":2003,\"minutes_played\":8500,\"date_last_played\":\"2026-10-02T17:30"
                + ":00Z\",\"emblem_path\":\"/common/destiny2_content/icons/c0ffee01.jpg\",\"emblem_background_path\":\"/common/"
                + "destiny2_content/icons/c0ffee01_bg.jpg\",\"is_deleted\":false},{\"id\":\"117251d7-ee7d-38f8-a106-c3dc0ab49"
                + "b16\",\"character_id\":\"2305843009299499864\",\"character_class\":\"warlock\",\"race\":\"exo\",\"gender\":\"male\",\""
                + "light_level\":1995,\"minutes_played\":12000,\"date_last_played\":\"2026-11-20T19:00:00Z\",\"emblem_path\":\"/c"
                + "ommon/destiny2_content/icons/b7c1d2e3.jpg\",\"emblem_background_path\":\"/common/destiny2_content/icons/"
                + "b7c1d2e3_bg.jpg\",\"is_deleted\":false}],\"character_count\":3,\"activity_count\":7}");
    }

    @Test
    void noProfileIsThe404OfTheOriginal() throws Exception {
        assertThat(read("profile", Optional.empty(), Map.of())).isEqualTo("{\"error\":\"No Destiny 2 profile archived\"}");
    }

    @Test
    void charactersHighestLightFirst() throws Exception {
        assertThat(read("characters", Map.of())).isEqualTo("[{\"id\":\"b421f8fb-af7c-3b3e-94c7-eef3e14accba\",\"character_id\":\"2305843009299499863\",\"character_class\""
                + ":\"hunter\",\"race\":\"awoken\",\"gender\":\"female\",\"light_level\":2010,\"minutes_played\":48211,\"date_last_pla"
                + "yed\":\"2026-12-05T21:14:02Z\",\"emblem_path\":\"/common/destiny2_content/icons/e1a5c2d3.jpg\",\"emblem_back"
                + "ground_path\":\"/common/destiny2_content/icons/e1a5c2d3_bg.jpg\",\"is_deleted\":false},{\"id\":\"ceb69c56-0f"
                + "c3-3bc6-ba1b-1ff24584dae3\",\"character_id\":\"2305843009299499865\",\"character_class\":\"titan\",\"race\":\"hu"
                + "man\",\"gender\":\"male\",\"light_level\":2003,\"minutes_played\":8500,\"date_last_played\":\"2026-10-02T17:30:0"
                + "0Z\",\"emblem_path\":\"/common/destiny2_content/icons/c0ffee01.jpg\",\"emblem_background_path\":\"/common/de"
                + "stiny2_content/icons/c0ffee01_bg.jpg\",\"is_deleted\":false},{\"id\":\"117251d7-ee7d-38f8-a106-c3dc0ab49b1"
                + "6\",\"character_id\":\"2305843009299499864\",\"character_class\":\"warlock\",\"race\":\"exo\",\"gender\":\"male\",\"li"
                + "ght_level\":1995,\"minutes_played\":12000,\"date_last_played\":\"2026-11-20T19:00:00Z\",\"emblem_path\":\"/com"
                + "mon/destiny2_content/icons/b7c1d2e3.jpg\",\"emblem_background_path\":\"/common/destiny2_content/icons/b7"
                + "c1d2e3_bg.jpg\",\"is_deleted\":false}]");
        assertThat(read("characters", Optional.empty(), Map.of())).isEqualTo("[]");
    }

    @Test
    void statsFilteredExactlyAndOrderedByScopeThenMode() throws Exception {
        assertThat(read("stats", Map.of("scope", "character", "mode", "allPvE"))).isEqualTo("[{\"mode\":\"allPvE\",\"scope\":\"character\",\"character_id\":\"2305843009299499863\",\"activities_entered\":1206"
                + ",\"activities_won\":0,\"activities_cleared\":853,\"kills\":152586,\"deaths\":756,\"assists\":30740,\"precision_"
                + "kills\":54007,\"suicides\":7,\"best_single_game_kills\":1021,\"longest_kill_spree\":367,\"longest_single_lif"
                + "e\":9512.5,\"orbs_dropped\":27072,\"resurrections_performed\":1380,\"resurrections_received\":840,\"seconds_"
                + "played\":1736316,\"average_lifespan\":1378.0285714285715,\"kd_ratio\":121.1,\"kda_ratio\":133.3047619047619"
                + ",\"efficiency\":145.49714285714285,\"best_single_game_score\":247200,\"fastest_completion\":420.5,\"longest"
                + "_kill_distance\":245.0625,\"total_kill_distance\":7407407.1,\"highest_light_level\":2010,\"combat_rating\":"
                + "0.0},{\"mode\":\"allPvE\",\"scope\":\"character\",\"character_id\":\"2305843009299499864\",\"activities_entered\":"
                + "0,\"activities_won\":0,\"activities_cleared\":300,\"kills\":50000,\"deaths\":300,\"assists\":0,\"precision_kill"
                + "s\":0,\"suicides\":0,\"best_single_game_kills\":0,\"longest_kill_spree\":0,\"longest_single_life\":0.0,\"orbs_"
                + "dropped\":0,\"resurrections_performed\":0,\"resurrections_received\":0,\"seconds_played\":720000,\"average_l"
                + "ifespan\":0.0,\"kd_ratio\":166.66666666666666,\"kda_ratio\":180.0,\"efficiency\":170.5,\"best_single_game_sc"
                + "ore\":0,\"fastest_completion\":0.0,\"longest_kill_distance\":0.0,\"total_kill_distance\":0.0,\"highest_light"
                + "_level\":0,\"combat_rating\":0.0}]");
        JsonNode all = JSON.readTree(read("stats", Map.of()));
        assertThat(all).extracting(r -> r.get("scope").asText() + "/" + r.get("mode").asText()).containsExactly(
                "account/allPvE", "account/allPvP", "account_deleted/allPvE", "character/allPvE", "character/allPvE",
                "character/allPvP");
        assertThat(JSON.readTree(read("stats", Map.of("mode", "allpve")))).as("exact, case included").isEmpty();
        assertThat(JSON.readTree(read("stats", Map.of("character_id", WARLOCK)))).hasSize(1);
        assertThat(JSON.readTree(read("stats", Map.of("scope", " ")))).as("a blank filter is none").hasSize(6);
    }

    @Test
    void floatsKeepAFractionAndNeverAnExponent() throws Exception {
        String account = read("stats", Map.of("scope", "account", "mode", "allPvE"));
        assertThat(account).contains("\"total_kill_distance\":12345678.5,", "\"combat_rating\":0.0}",
                "\"longest_single_life\":9512.5,", "\"fastest_completion\":420.5,",
                "\"average_lifespan\":2296.714285714286,", "\"seconds_played\":2893860,", "\"kills\":254310,");
        assertThat(PythonFloat.text(3.0)).isEqualTo("3.0");
        assertThat(PythonFloat.text(0.0)).isEqualTo("0.0");
        assertThat(PythonFloat.text(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.text(0.00001)).isEqualTo("1e-05");
        assertThat(PythonFloat.text(2.1292968749999998)).isEqualTo("2.1292968749999996");
    }

    @Test
    void statsOfOneModeAreEveryRowOfIt() throws Exception {
        assertThat(read("stats-by-mode", Map.of("mode", "allPvP"))).isEqualTo("[{\"mode\":\"allPvP\",\"scope\":\"account\",\"character_id\":null,\"activities_entered\":512,\"activities_won\":28"
                + "1,\"activities_cleared\":0,\"kills\":7602,\"deaths\":5120,\"assists\":3301,\"precision_kills\":2100,\"suicides\""
                + ":40,\"best_single_game_kills\":41,\"longest_kill_spree\":19,\"longest_single_life\":410.0,\"orbs_dropped\":8"
                + "02,\"resurrections_performed\":0,\"resurrections_received\":0,\"seconds_played\":364800,\"average_lifespan\""
                + ":71.25,\"kd_ratio\":1.484765625,\"kda_ratio\":1.80712890625,\"efficiency\":2.1292968749999996,\"best_single"
                + "_game_score\":60,\"fastest_completion\":0.0,\"longest_kill_distance\":101.5,\"total_kill_distance\":160000."
                + "0,\"highest_light_level\":2010,\"combat_rating\":132.5046875},{\"mode\":\"allPvP\",\"scope\":\"character\",\"char"
                + "acter_id\":\"2305843009299499863\",\"activities_entered\":512,\"activities_won\":281,\"activities_cleared\":0"
                + ",\"kills\":7602,\"deaths\":5120,\"assists\":3301,\"precision_kills\":2100,\"suicides\":40,\"best_single_game_ki"
                + "lls\":41,\"longest_kill_spree\":19,\"longest_single_life\":410.0,\"orbs_dropped\":802,\"resurrections_perfor"
                + "med\":0,\"resurrections_received\":0,\"seconds_played\":364800,\"average_lifespan\":71.25,\"kd_ratio\":1.4847"
                + "65625,\"kda_ratio\":1.80712890625,\"efficiency\":2.1292968749999996,\"best_single_game_score\":60,\"fastest"
                + "_completion\":0.0,\"longest_kill_distance\":101.5,\"total_kill_distance\":160000.0,\"highest_light_level\":"
                + "2010,\"combat_rating\":132.5046875}]");
        assertThat(read("stats-by-mode", Map.of("mode", "story"))).isEqualTo("[]");
    }

    @Test
    void activitiesNewestFirstClampedAndCounted() throws Exception {
        assertThat(read("activities", Map.of("limit", "2", "offset", "-3"))).isEqualTo("{\"total\":7,\"activities\":[{\"instance_id\":\"15000000005\",\"activity_name\":\"Salvation's Edge\",\"mode_name\""
                + ":\"Raid\",\"mode_category\":\"raid\",\"period\":\"2026-12-05T20:00:00Z\",\"duration_seconds\":3480,\"completed\":t"
                + "rue,\"standing\":null,\"kills\":412,\"deaths\":3,\"assists\":120,\"score\":0,\"team_score\":0,\"kd_ratio\":137.333"
                + "33333333334,\"efficiency\":177.33333333333334,\"has_pgcr\":true,\"character_class\":\"hunter\"},{\"instance_i"
                + "d\":\"15000000004\",\"activity_name\":\"Salvation's Edge\",\"mode_name\":\"Raid\",\"mode_category\":\"raid\",\"perio"
                + "d\":\"2026-12-04T21:00:00Z\",\"duration_seconds\":1500,\"completed\":false,\"standing\":null,\"kills\":210,\"dea"
                + "ths\":9,\"assists\":40,\"score\":0,\"team_score\":0,\"kd_ratio\":23.333333333333332,\"efficiency\":27.777777777"
                + "77778,\"has_pgcr\":true,\"character_class\":\"hunter\"}]}");
        assertThat(JSON.readTree(read("activities", Map.of("limit", "0"))).get("activities")).hasSize(1);
        assertThat(JSON.readTree(read("activities", Map.of("limit", "100000"))).get("activities")).hasSize(7);
        assertThat(JSON.readTree(read("activities", Map.of("limit", "abc"))).get("activities")).hasSize(7);
        JsonNode page = JSON.readTree(read("activities", Map.of("offset", "6")));
        assertThat(page.get("total").asInt()).isEqualTo(7);
        assertThat(page.get("activities")).hasSize(1);
        assertThat(read("activities", Optional.empty(), Map.of())).isEqualTo("{\"total\":0,\"activities\":[]}");
    }

    @Test
    void activityFiltersAreExact() throws Exception {
        JsonNode raids = JSON.readTree(read("activities", Map.of("mode_category", "raid")));
        assertThat(raids.get("total").asInt()).isEqualTo(4);
        JsonNode unfinished = JSON.readTree(read("activities", Map.of("completed", "false")));
        assertThat(unfinished.get("activities")).extracting(a -> a.get("instance_id").asText())
                .containsExactly("15000000004");
        JsonNode warlock = JSON.readTree(read("activities", Map.of("character_id", WARLOCK, "completed", "true")));
        assertThat(warlock.get("activities")).extracting(a -> a.get("character_class").asText())
                .containsExactly("warlock", "warlock");
        JsonNode crucible = JSON.readTree(read("activities", Map.of("mode_category", "crucible")));
        assertThat(crucible.at("/activities/0/standing").asInt()).isZero();
        assertThat(crucible.at("/activities/0/kd_ratio").isDouble()).isTrue();
        assertThat(crucible.at("/activities/0/has_pgcr").asBoolean()).isFalse();
    }

    @Test
    void anActivityWithItsCarnageReportMostKillsFirst() throws Exception {
        assertThat(read("activity", Map.of("instance_id", "15000000005"))).isEqualTo("{\"instance_id\":\"15000000005\",\"activity_name\":\"Salvation's Edge\",\"mode_name\":\"Raid\",\"mode_category\":\""
                + "raid\",\"period\":\"2026-12-05T20:00:00Z\",\"duration_seconds\":3480,\"completed\":true,\"standing\":null,\"kill"
                + "s\":412,\"deaths\":3,\"assists\":120,\"score\":0,\"team_score\":0,\"kd_ratio\":137.33333333333334,\"efficiency\":"
                + "177.33333333333334,\"character_class\":\"hunter\",\"pgcr_entries\":[{\"display_name\":\"Xûr\",\"character_class"
                + "\":\"titan\",\"light_level\":2001,\"is_self\":false,\"kills\":424,\"deaths\":6,\"assists\":44,\"score\":0,\"complete"
                + "d\":true,\"time_played_seconds\":3400},{\"display_name\":\"Guardian\",\"character_class\":\"hunter\",\"light_lev"
                + "el\":2010,\"is_self\":true,\"kills\":412,\"deaths\":3,\"assists\":120,\"score\":0,\"completed\":true,\"time_played"
                + "_seconds\":3400},{\"display_name\":\"Riven\",\"character_class\":\"warlock\",\"light_level\":2008,\"is_self\":fal"
                + "se,\"kills\":362,\"deaths\":2,\"assists\":30,\"score\":0,\"completed\":true,\"time_played_seconds\":3400}]}");
        assertThat(JSON.readTree(read("activity", Map.of("instance_id", "15000000003"))).get("pgcr_entries").isNull())
                .as("no report stored for a dungeon").isTrue();
    }

    @Test
    void anUnknownActivityIsThe404OfTheOriginal() throws Exception {
        assertThat(read("activity", Map.of("instance_id", "1"))).isEqualTo("{\"error\":\"Activity not found\"}");
        assertThat(read("activity", Optional.empty(), Map.of("instance_id", "15000000005")))
                .isEqualTo("{\"error\":\"Activity not found\"}");
    }

    @Test
    void raidStats() throws Exception {
        assertThat(read("raid-stats", Map.of())).isEqualTo("{\"total_attempts\":4,\"total_clears\":3,\"clear_rate\":0.75,\"total_kills\":1272,\"total_deaths\":21,\"raids\":"
                + "[{\"activity_name\":\"Salvation's Edge\",\"attempts\":3,\"clears\":2,\"fastest_seconds\":3300},{\"activity_name"
                + "\":\"Crota's End\",\"attempts\":1,\"clears\":1,\"fastest_seconds\":2700}]}");
        assertThat(read("raid-stats", Optional.empty(), Map.of())).isEqualTo("{\"total_attempts\":0,\"total_clears\":0,\"clear_rate\":0.0,\"total_kills\":0,\"total_deaths\":0,\"raids\":[]}");
    }

    @Test
    void theClearRateRoundsHalfEvenOnTheExactBinaryValue() {
        assertThat(DestinyRoutes.rate(1, 16)).isEqualTo(0.062);  // 0.0625 exactly: to the even 2
        assertThat(DestinyRoutes.rate(3, 16)).isEqualTo(0.188);  // 0.1875 exactly: to the even 8
        assertThat(DestinyRoutes.rate(2, 3)).isEqualTo(0.667);
        assertThat(DestinyRoutes.rate(1, 1000)).isEqualTo(0.001);
        assertThat(DestinyRoutes.rate(0, 0)).isEqualTo(0.0);
    }
}
