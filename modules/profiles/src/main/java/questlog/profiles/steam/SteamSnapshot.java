package questlog.profiles.steam;

import java.time.Instant;
import java.util.List;

/**
 * A Steam account as the {@code steam} plugin stores it: the player summary, every owned game with
 * its playtime (minutes), the recently played games in Steam's order, and the achievements of the
 * games that were played recently (with their schema names and unlock times; other games keep
 * what an earlier sync fetched).
 */
public record SteamSnapshot(Player player, List<Game> games, List<Recent> recent, List<GameAchievements> achievements) {

    public SteamSnapshot {
        games = List.copyOf(games);
        recent = List.copyOf(recent);
        achievements = List.copyOf(achievements);
    }

    /**
     * The player summary. {@code personaState}, {@code currentGame} and {@code currentGameId} are
     * the online state: kept as the latest data, left out of the history.
     */
    public record Player(String steamId, String personaName, String profileUrl, String avatarUrl, int personaState,
                         String currentGame, String currentGameId) {}

    /** An owned game; {@code lastPlayed} null when never played. */
    public record Game(long appId, String name, int playtimeForever, int playtime2Weeks, Instant lastPlayed,
                       String iconHash) {}

    /** A recently played game, as GetRecentlyPlayedGames lists it. */
    public record Recent(long appId, String name, int playtime2Weeks, int playtimeForever, String iconHash) {}

    /** One game's achievements: how many it has, and those unlocked with their names and times. */
    public record GameAchievements(long appId, String gameName, int total, List<Unlocked> unlocked) {
        public GameAchievements {
            unlocked = List.copyOf(unlocked);
        }
    }

    /** An unlocked achievement: Steam's key, its schema name, when. */
    public record Unlocked(String apiName, String name, Instant unlockedAt) {}
}
