package questlog.profiles.steam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import questlog.profiles.ProfileChange;

/**
 * What changed on a Steam account between two snapshots, as people say it: "12 h played since the
 * last sync" (with the games), "3 new achievements in Hades", "2 new games", a new persona name.
 */
final class SteamChanges {
    private SteamChanges() {}

    static List<ProfileChange> between(SteamSnapshot before, SteamSnapshot after) {
        List<ProfileChange> changes = new ArrayList<>();
        playtime(before, after, changes);
        achievements(before, after, changes);
        newGames(before, after, changes);
        String oldName = before.player().personaName();
        String newName = after.player().personaName();
        if (newName != null && !newName.equals(oldName)) {
            changes.add(new ProfileChange("name", "Now known as " + newName, Map.of("persona_name", newName)));
        }
        return changes;
    }

    private static void playtime(SteamSnapshot before, SteamSnapshot after, List<ProfileChange> changes) {
        Map<Long, Integer> was = new HashMap<>();
        before.games().forEach(g -> was.put(g.appId(), g.playtimeForever()));
        Map<String, Integer> byGame = new LinkedHashMap<>();
        int total = 0;
        List<SteamSnapshot.Game> played = after.games().stream()
                .filter(g -> g.playtimeForever() > was.getOrDefault(g.appId(), 0))
                .sorted((a, b) -> Integer.compare(b.playtimeForever() - was.getOrDefault(b.appId(), 0),
                        a.playtimeForever() - was.getOrDefault(a.appId(), 0)))
                .toList();
        for (SteamSnapshot.Game g : played) {
            int minutes = g.playtimeForever() - was.getOrDefault(g.appId(), 0);
            byGame.put(g.name() == null ? "app " + g.appId() : g.name(), minutes);
            total += minutes;
        }
        if (total == 0) {
            return;
        }
        String games = byGame.entrySet().stream().limit(3).map(e -> e.getKey() + " " + duration(e.getValue()))
                .collect(Collectors.joining(", "));
        List<Map<String, Object>> details = played.stream().map(g -> Map.<String, Object>of("app_id", g.appId(),
                "minutes", g.playtimeForever() - was.getOrDefault(g.appId(), 0))).toList();
        changes.add(new ProfileChange("playtime", duration(total) + " played since the last sync (" + games
                + (byGame.size() > 3 ? ", …" : "") + ")", Map.of("minutes", total, "games", details)));
    }

    private static void achievements(SteamSnapshot before, SteamSnapshot after, List<ProfileChange> changes) {
        Map<Long, Set<String>> had = new HashMap<>();
        before.achievements().forEach(a -> had.put(a.appId(), a.unlocked().stream()
                .map(SteamSnapshot.Unlocked::apiName).collect(Collectors.toSet())));
        for (SteamSnapshot.GameAchievements game : after.achievements()) {
            Set<String> known = had.getOrDefault(game.appId(), Set.of());
            List<String> names = game.unlocked().stream().filter(u -> !known.contains(u.apiName()))
                    .map(SteamSnapshot.Unlocked::name).toList();
            if (!names.isEmpty()) {
                String gameName = game.gameName() == null ? "app " + game.appId() : game.gameName();
                changes.add(new ProfileChange("achievements", names.size() + " new achievement"
                        + (names.size() == 1 ? "" : "s") + " in " + gameName,
                        Map.of("app_id", game.appId(), "game", gameName, "achievements", names)));
            }
        }
    }

    private static void newGames(SteamSnapshot before, SteamSnapshot after, List<ProfileChange> changes) {
        Set<Long> owned = before.games().stream().map(SteamSnapshot.Game::appId).collect(Collectors.toSet());
        List<String> added = after.games().stream().filter(g -> !owned.contains(g.appId()))
                .map(g -> g.name() == null ? "app " + g.appId() : g.name()).toList();
        if (!added.isEmpty()) {
            changes.add(new ProfileChange("games", added.size() == 1 ? "New game: " + added.getFirst()
                    : added.size() + " new games", Map.of("games", added)));
        }
    }

    /** "45 min", "12 h", "1.5 h". */
    static String duration(int minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        BigDecimal hours = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return hours.toPlainString() + " h";
    }
}
