package questlog.profiles.steam;

import java.time.Instant;
import java.util.List;

/**
 * ISteamUserStats/GetPlayerAchievements v1 for one game. A game without stats (Steam's 400
 * "Requested app has no stats") or with stats but no achievements has an empty list, and
 * {@code hasStats} says which.
 */
public record PlayerAchievements(String steamId, long appId, String gameName, boolean hasStats,
                                 List<Achievement> achievements) {

    public PlayerAchievements {
        achievements = List.copyOf(achievements);
    }

    /**
     * @param apiName the key that {@link GameSchema.SchemaAchievement#apiName()} matches
     * @param unlockedAt null while locked (Steam sends 0)
     * @param name localized display name, when asked with a language
     */
    public record Achievement(String apiName, boolean achieved, Instant unlockedAt, String name, String description) {}

    public long unlockedCount() {
        return achievements.stream().filter(Achievement::achieved).count();
    }
}
