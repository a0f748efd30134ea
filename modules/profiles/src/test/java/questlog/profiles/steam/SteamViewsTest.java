package questlog.profiles.steam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import questlog.common.Json;
import questlog.profiles.ProfileView;

/**
 * The original Questlog's Steam views written by the shared mapper, byte for byte: camelCase
 * names, defaults with nothing stored, an absent icon as "", {@code count} read and clamped.
 */
class SteamViewsTest {
    static final ObjectMapper JSON = Json.objectMapper();
    static final SteamSnapshot SNAPSHOT = new SteamSnapshot(
            new SteamSnapshot.Player("76561197960287930", "Rabscuttle", "https://steamcommunity.com/id/gabelogannewell/",
                    "https://avatars.steamstatic.com/c5d5_full.jpg", 1, "Hades", "1145360"),
            List.of(new SteamSnapshot.Game(553420, "TUNIC", 0, 0, null, "")),
            List.of(new SteamSnapshot.Recent(1145360, "Hades", 300, 2400, "217c2ab5"),
                    new SteamSnapshot.Recent(553420, "TUNIC", 0, 45, null)),
            List.of(new SteamSnapshot.GameAchievements(1145360, "Hades", 4,
                    List.of(new SteamSnapshot.Unlocked("AchBossKill1", "Escaped Tartarus",
                            Instant.parse("2025-08-01T00:00:00Z"))))));

    static String read(String view, Optional<SteamSnapshot> latest, Map<String, String> query) throws Exception {
        ProfileView<SteamSnapshot> v = SteamViews.all().stream().filter(x -> x.name().equals(view)).findFirst()
                .orElseThrow();
        return JSON.writeValueAsString(v.read(latest, name -> Optional.ofNullable(query.get(name))));
    }

    @Test
    void playerIsWrittenAsTheOriginalDoes() throws Exception {
        assertThat(read("player", Optional.of(SNAPSHOT), Map.of())).isEqualTo("{\"personaName\":\"Rabscuttle\","
                + "\"personaState\":1,\"currentGame\":\"Hades\",\"currentGameId\":\"1145360\","
                + "\"avatarUrl\":\"https://avatars.steamstatic.com/c5d5_full.jpg\"}");
        assertThat(read("player", Optional.empty(), Map.of())).isEqualTo("{\"personaName\":\"\",\"personaState\":0,"
                + "\"currentGame\":null,\"currentGameId\":null,\"avatarUrl\":\"\"}");
    }

    @Test
    void recentIsWrittenAsTheOriginalDoesWithAnEmptyIconWhenSteamGivesNone() throws Exception {
        assertThat(read("recent", Optional.of(SNAPSHOT), Map.of())).isEqualTo("[{\"appId\":1145360,\"name\":\"Hades\","
                + "\"playtime2Weeks\":300,\"playtimeForever\":2400,\"iconUrl\":"
                + "\"https://media.steampowered.com/steamcommunity/public/images/apps/1145360/217c2ab5.jpg\"},"
                + "{\"appId\":553420,\"name\":\"TUNIC\",\"playtime2Weeks\":0,\"playtimeForever\":45,\"iconUrl\":\"\"}]");
        assertThat(read("recent", Optional.of(SNAPSHOT), Map.of("count", "1"))).startsWith("[{\"appId\":1145360")
                .doesNotContain("553420");
        assertThat(read("recent", Optional.of(SNAPSHOT), Map.of("count", " 0 "))).doesNotContain("553420");
        assertThat(read("recent", Optional.of(SNAPSHOT), Map.of("count", "99"))).contains("553420");
        assertThat(read("recent", Optional.empty(), Map.of())).isEqualTo("[]");
    }

    @Test
    void ownedGamesAndAchievementsAreSnakeCaseLikeTheRestOfTheApi() throws Exception {
        assertThat(read("games", Optional.of(SNAPSHOT), Map.of())).isEqualTo("[{\"app_id\":553420,\"name\":\"TUNIC\","
                + "\"playtime_minutes\":0,\"playtime_two_weeks_minutes\":0,\"last_played\":null,\"icon_url\":\"\"}]");
        assertThat(read("achievements", Optional.of(SNAPSHOT), Map.of())).isEqualTo("[{\"app_id\":1145360,"
                + "\"game_name\":\"Hades\",\"total\":4,\"unlocked_count\":1,\"unlocked\":[{\"api_name\":\"AchBossKill1\","
                + "\"name\":\"Escaped Tartarus\",\"unlocked_at\":\"2025-08-01T00:00:00Z\"}]}]");
    }
}
