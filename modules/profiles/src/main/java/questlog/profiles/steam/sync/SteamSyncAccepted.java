package questlog.profiles.steam.sync;

import questlog.common.Jobs;

/**
 * The 202 body of {@code POST /api/sync/steam}: the job's id, type and address, whether the same
 * sync was already queued or running ({@code existing}), and the account it reads.
 */
public record SteamSyncAccepted(String id, String type, String url, boolean existing, String steamId,
                                String personaName, boolean dryRun) {}
