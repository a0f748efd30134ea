package questlog.profiles.steam;

import java.time.Instant;

/**
 * A player summary (ISteamUser/GetPlayerSummaries v2). Fields Steam shows only for public
 * profiles ({@code realName}, {@code timeCreated}, {@code countryCode}, {@code gameId},
 * {@code gameExtraInfo}) are null otherwise.
 *
 * @param visibility {@code communityvisibilitystate}: 3 public, 1 not visible to the key's owner
 * @param personaState 0 offline, 1 online, 2 busy, 3 away, 4 snooze, 5 looking to trade, 6 looking to play
 */
public record SteamPlayer(String steamId, String personaName, String profileUrl, String avatar, String avatarMedium,
                          String avatarFull, int visibility, int profileState, int personaState, Instant lastLogoff,
                          String realName, Instant timeCreated, String countryCode, String gameId,
                          String gameExtraInfo) {

    public static final int VISIBILITY_PUBLIC = 3;

    /** Whether the key's owner may see this profile's games and achievements. */
    public boolean isPublic() {
        return visibility == VISIBILITY_PUBLIC;
    }
}
