package questlog.profiles.steam;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import questlog.profiles.ProfileView;

/** The Steam plugin's read views: the original Questlog's player and recent games, owned games, achievements. */
final class SteamViews {
    static final String ICON_BASE = "https://media.steampowered.com/steamcommunity/public/images/apps/";
    static final int RECENT_DEFAULT = 5;
    static final int RECENT_MAX = 20;

    private SteamViews() {}

    /** {@code /api/steam/player}, as the original answers it (camelCase; every field present). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record PlayerView(String personaName, int personaState, String currentGame, String currentGameId,
                             String avatarUrl) {
        static final PlayerView UNKNOWN = new PlayerView("", 0, null, null, "");
    }

    /** One game of {@code /api/steam/recent}, as the original answers it. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record RecentView(long appId, String name, int playtime2Weeks, int playtimeForever, String iconUrl) {}

    /** An owned game with its playtime. */
    public record OwnedView(long appId, String name, int playtimeMinutes, int playtimeTwoWeeksMinutes,
                            Instant lastPlayed, String iconUrl) {}

    /** One game's achievements, most recently played games first. */
    public record AchievementsView(long appId, String gameName, int total, int unlockedCount,
                                   List<SteamSnapshot.Unlocked> unlocked) {}

    static List<ProfileView<SteamSnapshot>> all() {
        return List.of(
                new ProfileView<>("player", "Player summary", """
                        The original Questlog's `/api/steam/player`: `personaName` ("" when unknown), `personaState` \
                        (0 offline, 1 online, 2 busy, 3 away, 4 snooze, 5 looking to trade, 6 looking to play), \
                        `currentGame` and `currentGameId` (null when not in a game), `avatarUrl` (""). Always 200: \
                        with nothing stored every field is its default. Served from the latest sync; while it is \
                        read, a sync is queued when that is older than a minute.""",
                        PlayerView.class, false, List.of(), "/api/steam/player", Duration.ofMinutes(1),
                        (latest, query) -> latest.map(SteamViews::player).orElse(PlayerView.UNKNOWN)),
                new ProfileView<>("recent", "Recently played games", """
                        The original Questlog's `/api/steam/recent`: games played in the last two weeks, in Steam's \
                        order, `count` of them (default 5, clamped to 1..20; a value that is not a number is the \
                        default). `playtime2Weeks` and `playtimeForever` are minutes (0 when Steam leaves them out); \
                        `iconUrl` is "" when Steam gives no icon. Served from the latest sync; while it is read, a \
                        sync is queued when that is older than five minutes.""",
                        RecentView.class, true,
                        List.of(new ProfileView.Param("count", Integer.class, "How many games, 1 to 20 (default 5)")),
                        "/api/steam/recent", Duration.ofMinutes(5),
                        (latest, query) -> recent(latest, query.clampedInt("count", RECENT_DEFAULT, 1, RECENT_MAX))),
                new ProfileView<>("games", "Owned games", "Every owned game with its playtime (minutes), most played "
                        + "first.", OwnedView.class, true, List.of(), null, null,
                        (latest, query) -> owned(latest)),
                new ProfileView<>("achievements", "Achievements", "The unlocked achievements of the games played "
                        + "recently, with their names and unlock times, per game.", AchievementsView.class, true,
                        List.of(), null, null, (latest, query) -> achievements(latest)));
    }

    static PlayerView player(SteamSnapshot s) {
        SteamSnapshot.Player p = s.player();
        return new PlayerView(p.personaName() == null ? "" : p.personaName(), p.personaState(), p.currentGame(),
                p.currentGameId(), p.avatarUrl() == null ? "" : p.avatarUrl());
    }

    static List<RecentView> recent(Optional<SteamSnapshot> latest, int count) {
        return latest.map(SteamSnapshot::recent).orElse(List.of()).stream().limit(count)
                .map(r -> new RecentView(r.appId(), r.name() == null ? "" : r.name(), r.playtime2Weeks(),
                        r.playtimeForever(), iconUrl(r.appId(), r.iconHash())))
                .toList();
    }

    static List<OwnedView> owned(Optional<SteamSnapshot> latest) {
        return latest.map(SteamSnapshot::games).orElse(List.of()).stream()
                .sorted(Comparator.comparingInt(SteamSnapshot.Game::playtimeForever).reversed()
                        .thenComparingLong(SteamSnapshot.Game::appId))
                .map(g -> new OwnedView(g.appId(), g.name(), g.playtimeForever(), g.playtime2Weeks(), g.lastPlayed(),
                        iconUrl(g.appId(), g.iconHash())))
                .toList();
    }

    static List<AchievementsView> achievements(Optional<SteamSnapshot> latest) {
        return latest.map(SteamSnapshot::achievements).orElse(List.of()).stream()
                .map(a -> new AchievementsView(a.appId(), a.gameName(), a.total(), a.unlocked().size(), a.unlocked()))
                .toList();
    }

    static String iconUrl(long appId, String hash) {
        return hash == null || hash.isEmpty() ? "" : ICON_BASE + appId + "/" + hash + ".jpg";
    }
}
