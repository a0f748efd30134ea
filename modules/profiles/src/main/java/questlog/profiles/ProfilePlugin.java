package questlog.profiles;

import java.time.Duration;
import java.util.List;

/**
 * One game's service, seen by the profiles core: a pure translator from that service's upstream
 * API to a typed snapshot {@code S}. The core owns everything else (tables, history, sync jobs and
 * their schedule, events, routes, the mapping of failures to HTTP answers). A plugin gets its
 * upstream client, a {@code Clock} and its own settings through its constructor, which app calls,
 * one line per plugin; it never sees the database or Javalin, and keeps no static state.
 *
 * <p>Every plugin's test extends the shared contract test ({@code ProfilePluginContract} in the
 * profiles test sources).
 *
 * @param <S> the snapshot: a record the shared JSON mapper writes and reads back unchanged
 */
public interface ProfilePlugin<S> {

    /** The URL segment and stored discriminator: a lowercase slug ("steam", "ffxiv"). Never changes. */
    String key();

    /** The service's name as people know it ("Steam", "Final Fantasy XIV"). */
    String displayName();

    /** The snapshot's class, to read stored snapshots back. */
    Class<S> snapshotType();

    /**
     * Validates a handle as a person types it (an id, a name, a profile URL) and resolves it to the
     * account's stable id, calling upstream when a name must be looked up.
     *
     * @throws ProfileException {@link ProfileException.Reason#INVALID_HANDLE} for a handle that
     *         cannot be one, {@code NOT_FOUND} for a well-formed one upstream does not know, or an
     *         upstream failure
     */
    ResolvedHandle resolve(String raw);

    /**
     * Fetches the account's current state: blocking upstream calls through the plugin's client
     * (which retries; the plugin does not loop). Calls {@link FetchContext#checkStop()} between
     * calls so that a cancelled sync ends promptly.
     *
     * @param accountId what {@link #resolve} returned as {@link ResolvedHandle#accountId()}
     * @throws ProfileException with the reason the upstream gave
     */
    S fetch(String accountId, FetchContext<S> context);

    /**
     * What changed from {@code before} to {@code after}, as people would say it ("12 h played this
     * week", "3 new achievements in Hades"); empty when nothing worth saying changed, and always
     * empty for a snapshot compared with itself.
     */
    List<ProfileChange> changes(S before, S after);

    /**
     * The part of a snapshot worth a new history entry when it changes. Defaults to the whole
     * snapshot; a plugin leaves out what flips all the time (Steam's online state), which is still
     * kept as the profile's latest data.
     */
    default S lasting(S snapshot) {
        return snapshot;
    }

    /**
     * Whether the plugin can reach its service here (its credentials are configured). The core
     * schedules no sync and queues no refresh for a plugin that cannot: they would only fail.
     */
    default boolean canSync() {
        return true;
    }

    /** How often the core syncs a profile on its own (it adds up to a tenth of it as jitter). */
    default Duration refreshInterval() {
        return Duration.ofHours(6);
    }

    /**
     * True for an account that spans many games (Steam): its profile belongs to no single game and
     * appears in the detail of every game {@link #games} names.
     */
    default boolean accountWide() {
        return false;
    }

    /** The library games a snapshot covers, by external id (Steam: its owned apps). */
    default List<ExternalGame> games(S snapshot) {
        return List.of();
    }

    /**
     * What an account-wide profile shows in the detail of one game it covers: the part of the
     * snapshot about the games with these external ids (Steam: the app's playtime and
     * achievements); null when it has nothing about them. A one-game profile shows its whole
     * snapshot instead, so plugins of those leave this alone.
     */
    default Object gameData(S snapshot, List<ExternalGame> game) {
        return null;
    }

    /** The account's current name upstream as a snapshot shows it, to keep the profile's display name current. */
    default java.util.Optional<String> accountName(S snapshot) {
        return java.util.Optional.empty();
    }

    /**
     * The OAuth authorization of the owner's account, for a service that needs one before it shows
     * anything (the core serves its start and callback routes); empty for the others.
     */
    default java.util.Optional<ProfileAuthorization> authorization() {
        return java.util.Optional.empty();
    }

    /** The typed read views the core serves from stored snapshots, under {@code /api/profiles/{plugin}/{id}/{view}}. */
    default List<ProfileView<S>> views() {
        return List.of();
    }
}
