package questlog.profiles.steam.sync;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/sync/steam}.
 *
 * @param steamId a SteamID64 ({@code 76561197960287930}) or a custom profile URL name
 *        ({@code gabelogannewell}, the part after {@code steamcommunity.com/id/})
 * @param dryRun reports what the sync would change and changes nothing (default false)
 */
public record SteamSyncRequest(@JsonProperty(required = true) String steamId, Boolean dryRun) {}
