package questlog.profiles;

import java.util.Objects;

/**
 * A handle a plugin validated and resolved.
 *
 * @param accountId   the account's stable id upstream (a SteamID64, a Lodestone id): unique per plugin
 * @param handle      the handle as it should be shown and stored (normalised, e.g. a vanity name)
 * @param displayName the account's current name upstream, when the resolution learnt it; may be null
 */
public record ResolvedHandle(String accountId, String handle, String displayName) {
    public ResolvedHandle {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(handle, "handle");
        if (accountId.isBlank() || handle.isBlank()) {
            throw new IllegalArgumentException("an account id and a handle are never blank");
        }
    }
}
