package questlog.profiles.steam;

import java.util.List;

/** IPlayerService/GetRecentlyPlayedGames v1: games played in the last two weeks, most recent first. */
public record RecentlyPlayed(String steamId, int totalCount, List<OwnedGame> games) {
    public RecentlyPlayed {
        games = List.copyOf(games);
    }
}
