package questlog.profiles;

import java.time.Instant;
import java.util.UUID;

/**
 * A profile in a game's detail: who and when, and {@code data}: the whole latest snapshot for a
 * profile of that game, or the part about that game for an account-wide one (a Steam account's
 * playtime and achievements in it; null when the plugin has nothing about it). {@code url} is the
 * profile's own address.
 */
record GameProfileResponse(UUID id, String plugin, String accountId, String handle, String displayName,
                           boolean accountWide, Object data, Instant syncedAt, String syncError, String url) {}
