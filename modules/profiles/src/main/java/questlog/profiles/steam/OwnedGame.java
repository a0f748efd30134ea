package questlog.profiles.steam;

import java.time.Instant;

/**
 * One game of IPlayerService/GetOwnedGames v1 (or of GetRecentlyPlayedGames, which has fewer
 * fields: those it lacks are 0 or null). Playtimes are minutes.
 *
 * @param name null unless asked with {@code include_appinfo}
 * @param playtime2Weeks minutes in the last two weeks; 0 when Steam leaves the field out
 * @param lastPlayed {@code rtime_last_played}; null when never played (Steam sends 0)
 * @param iconHash {@code img_icon_url}, a hash: see {@link #iconUrl()}
 */
public record OwnedGame(long appId, String name, int playtimeForever, int playtime2Weeks, int playtimeWindows,
                        int playtimeMac, int playtimeLinux, int playtimeDeck, int playtimeDisconnected,
                        Instant lastPlayed, String iconHash, boolean hasCommunityVisibleStats) {

    /** Whether Steam counts any time on it. */
    public boolean played() {
        return playtimeForever > 0 || lastPlayed != null;
    }

    /** The icon's URL, or null without a hash. */
    public String iconUrl() {
        return iconHash == null || iconHash.isEmpty() ? null
                : "https://media.steampowered.com/steamcommunity/public/images/apps/" + appId + "/" + iconHash + ".jpg";
    }
}
