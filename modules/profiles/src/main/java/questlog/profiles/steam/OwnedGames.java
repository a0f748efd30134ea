package questlog.profiles.steam;

import java.util.List;

/** Every game an account owns, as GetOwnedGames lists it ({@code gameCount} is Steam's own count). */
public record OwnedGames(String steamId, int gameCount, List<OwnedGame> games) {
    public OwnedGames {
        games = List.copyOf(games);
    }
}
