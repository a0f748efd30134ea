package questlog.profiles.steam.sync;

import questlog.profiles.steam.SteamClient;
import questlog.profiles.steam.SteamException;
import questlog.profiles.steam.SteamIds;
import questlog.profiles.steam.SteamPlayer;

/**
 * Turns what a user typed (a SteamID64 or a custom URL name) into an account whose games may be
 * read, or says clearly why not, before anything is queued or written.
 */
final class SteamAccounts {
    private final SteamClient steam;

    SteamAccounts(SteamClient steam) {
        this.steam = steam;
    }

    /** Whether {@code handle} could name an account at all (checked without calling Steam). */
    static boolean wellFormed(String handle) {
        return SteamIds.isSteamId(handle) || SteamIds.isVanityName(handle);
    }

    /**
     * The account's id once it is known to exist and to show its games.
     *
     * @throws SteamException.NotFound for a vanity name that does not resolve or an unknown id
     * @throws SteamException.PrivateProfile for a profile not visible to the key's owner
     */
    SteamPlayer resolveVisible(String handle) {
        String steamId = SteamIds.isSteamId(handle) ? handle : steam.resolveVanityUrl(handle);
        SteamPlayer player = steam.playerSummary(steamId);
        if (!player.isPublic()) {
            throw new SteamException.PrivateProfile("The Steam profile " + steamId + " (" + player.personaName()
                    + ") is private: make its profile and game details public to sync its library");
        }
        return player;
    }
}
