package questlog.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.JobContext;
import questlog.common.JobHandler;

/**
 * The {@value #TYPE} job: fetches a profile through its plugin and stores what came back, in one
 * transaction: the profile's latest data, a new history entry when the lasting part changed, and
 * {@code questlog:profile_synced} with the changes. A fetch that fails keeps the last good data,
 * records the reason as {@code sync_error} and fails the job with it. Submitted once per profile
 * at a time ({@link questlog.common.Jobs#submitOnce} keyed by the profile id). A run that is
 * interrupted before the store fetches again; one interrupted after it returns the stored outcome.
 */
final class ProfileSync implements JobHandler {
    static final String TYPE = "profile_sync";

    record Params(UUID profileId) {}

    /** The outcome: whether the data changed, whether a history entry was added, and what changed. */
    record Result(UUID profile, String plugin, String outcome, boolean changed, boolean newSnapshot,
                  List<ProfileChange> changes) {}

    /** A sync that failed upstream; its message is the profile's {@code sync_error} and the job's error. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventLog events;
    private final ProfilePlugins plugins;

    ProfileSync(Jdbi jdbi, ObjectMapper json, Clock clock, EventLog events, ProfilePlugins plugins) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.plugins = plugins;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object run(JobContext context) {
        Optional<Result> done = context.checkpoint(Result.class);
        if (done.isPresent()) {
            return done.get();
        }
        UUID id = context.params(Params.class).profileId();
        Optional<Profile> profile = jdbi.withHandle(h -> h.attach(ProfileDao.class).find(id));
        if (profile.isEmpty()) {
            return new Result(id, null, "removed", false, false, List.of());
        }
        ProfilePlugin<?> plugin = plugins.find(profile.get().plugin()).orElseThrow(() -> new IllegalStateException(
                "no plugin '" + profile.get().plugin() + "' is installed to sync this profile"));
        return sync(plugin, profile.get(), context);
    }

    private <S> Result sync(ProfilePlugin<S> plugin, Profile profile, JobContext context) {
        Optional<S> previous = read(plugin, profile.data());
        S fetched;
        try {
            context.checkStop();
            fetched = plugin.fetch(profile.accountId(), new JobFetchContext<>(previous, profile.settings(), context));
        } catch (ProfileException e) {
            recordFailure(plugin, profile.id(), e);
            throw new Failed(e.getMessage(), e);
        }
        context.checkStop();
        return jdbi.inTransaction(h -> store(h, plugin, profile.id(), fetched, context));
    }

    private <S> Result store(Handle h, ProfilePlugin<S> plugin, UUID id, S fetched, JobContext context) {
        ProfileDao profiles = h.attach(ProfileDao.class);
        ProfileSnapshotDao snapshots = h.attach(ProfileSnapshotDao.class);
        Optional<Profile> locked = profiles.lock(id);
        if (locked.isEmpty()) {
            return new Result(id, plugin.key(), "removed", false, false, List.of());
        }
        Profile before = locked.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        JsonNode data = json.valueToTree(fetched);
        // Against the data as it is now (a sync may have stored some since this one read it).
        Optional<S> previous = read(plugin, before.data());
        List<ProfileChange> changes = previous.map(p -> plugin.changes(p, fetched)).orElse(List.of());
        boolean changed = !data.equals(before.data());
        boolean newSnapshot = snapshots.latest(id)
                .map(latest -> !lasting(plugin, latest.data()).equals(lastingOf(plugin, fetched)))
                .orElse(true);
        if (newSnapshot) {
            snapshots.insert(UUID.randomUUID(), id, SyncSchedule.at(now), data.toString(), write(changes));
        }
        String[] games = plugin.games(fetched).stream().map(g -> g.source() + ":" + g.externalId())
                .distinct().sorted().toArray(String[]::new);
        profiles.synced(id, data.toString(), plugin.accountName(fetched).orElse(null), games, SyncSchedule.at(now),
                SyncSchedule.next(now, plugin.refreshInterval()));
        Profile after = profiles.find(id).orElseThrow();
        events.append(h, EventTypes.PROFILE_SYNCED, ProfileEvent.of("synced", after, after.gameSlug(), changes));
        Result result = new Result(id, plugin.key(), previous.isEmpty() ? "first" : "synced", changed, newSnapshot,
                changes);
        context.saveCheckpoint(h, result, 1, 1);
        return result;
    }

    private void recordFailure(ProfilePlugin<?> plugin, UUID id, ProfileException e) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbi.useTransaction(h -> {
            ProfileDao profiles = h.attach(ProfileDao.class);
            if (profiles.lock(id).isPresent()) {
                profiles.failed(id, e.getMessage(), SyncSchedule.at(now),
                        SyncSchedule.afterFailure(now, plugin.refreshInterval(), e));
            }
        });
    }

    /** A stored snapshot read back; empty when there is none or it no longer reads (its shape changed). */
    private <S> Optional<S> read(ProfilePlugin<S> plugin, JsonNode data) {
        if (data == null || data.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(data, plugin.snapshotType()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private <S> JsonNode lasting(ProfilePlugin<S> plugin, JsonNode stored) {
        return read(plugin, stored).map(s -> lastingOf(plugin, s)).orElse(stored);
    }

    private <S> JsonNode lastingOf(ProfilePlugin<S> plugin, S snapshot) {
        return json.valueToTree(plugin.lasting(snapshot));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plugin's view of the job: the previous snapshot, the settings, and the job's stop check. */
    private record JobFetchContext<S>(Optional<S> previous, JsonNode settings, JobContext job) implements FetchContext<S> {
        @Override
        public void checkStop() {
            job.checkStop();
        }
    }
}
