package questlog.profiles;

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
import questlog.common.Bodies;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.GameRemoval;
import questlog.common.GameLookup;
import questlog.common.Jobs;
import questlog.common.SqlStates;
import questlog.common.Texts;

/**
 * Profiles as people manage them: add one (its plugin resolves the handle first, so nothing is
 * written for a handle upstream does not know), change its game or settings, remove it, ask for a
 * sync. Every change records {@code questlog:profile_synced} with its verb in its transaction.
 * Javalin-free: failures are {@link ProfileException}s, {@link questlog.common.InvalidInputException}s
 * and {@link Conflict}s, which the controller answers.
 */
final class ProfileService {
    /** History entries shown in a profile's detail. */
    static final int HISTORY = 20;
    static final int MAX_HANDLE = 200;

    /** The account already has a profile of that plugin. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final GameLookup games;
    private final EventLog events;
    private final Jobs jobs;
    private final ProfilePlugins plugins;

    ProfileService(Jdbi jdbi, ObjectMapper json, Clock clock, GameLookup games, EventLog events, Jobs jobs,
                   ProfilePlugins plugins) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.games = games;
        this.events = events;
        this.jobs = jobs;
        this.plugins = plugins;
    }

    Optional<ProfilePlugin<?>> plugin(String key) {
        return plugins.find(key);
    }

    record Listing(List<ProfileResponse> items, long total) {}

    Listing listOfPlugin(String plugin, int limit, int offset) {
        return jdbi.inTransaction(h -> {
            ProfileDao dao = h.attach(ProfileDao.class);
            return new Listing(dao.pageOfPlugin(plugin, limit, offset).stream().map(ProfileResponse::from).toList(),
                    dao.countOfPlugin(plugin));
        });
    }

    Optional<ProfileDetailResponse> get(String plugin, UUID id) {
        return jdbi.inTransaction(h -> h.attach(ProfileDao.class).find(id).filter(p -> p.plugin().equals(plugin))
                .map(p -> detail(h, p)));
    }

    Optional<Profile> find(String plugin, UUID id) {
        return jdbi.withHandle(h -> h.attach(ProfileDao.class).find(id).filter(p -> p.plugin().equals(plugin)));
    }

    /** Adds a profile and queues its first sync. */
    ProfileDetailResponse create(ProfilePlugin<?> plugin, CreateProfileRequest request) {
        String handle = request.handle().strip();
        String gameSlug = Texts.orNull(request.game());
        FieldErrors errors = new FieldErrors()
                .check(Texts.length(handle) <= MAX_HANDLE, "handle", "must be at most " + MAX_HANDLE + " characters")
                .check(request.settings() == null || request.settings().isObject() || request.settings().isNull(),
                        "settings", "must be a JSON object");
        if (gameSlug != null && plugin.accountWide()) {
            errors.add("game", "a " + plugin.displayName() + " profile spans games and belongs to none: leave game out");
        } else if (gameSlug != null && jdbi.withHandle(h -> games.game(h, gameSlug)).isEmpty()) {
            errors.add("game", "no game has the slug '" + gameSlug + "'");
        }
        errors.throwIfUnprocessable();
        ResolvedHandle resolved = plugin.resolve(handle);
        JsonNode settings = settings(request.settings());
        UUID id = UUID.randomUUID();
        ProfileDetailResponse created;
        try {
            created = jdbi.inTransaction(h -> {
                ProfileDao dao = h.attach(ProfileDao.class);
                dao.idOfAccount(plugin.key(), resolved.accountId()).ifPresent(existing -> {
                    throw conflict(plugin, resolved, existing);
                });
                UUID gameId = null;
                if (gameSlug != null) {
                    // Checked again in the transaction: the game may have gone since the check above.
                    Optional<GameLookup.GameRef> game = games.game(h, gameSlug);
                    if (game.isEmpty()) {
                        new FieldErrors().add("game", "no game has the slug '" + gameSlug + "'").throwIfUnprocessable();
                    }
                    gameId = game.orElseThrow().id();
                }
                Instant now = now();
                dao.insert(id, plugin.key(), resolved.accountId(), resolved.handle(), resolved.displayName(), gameId,
                        settings.toString(), SyncSchedule.next(now, plugin.refreshInterval()), SyncSchedule.at(now));
                Profile profile = dao.find(id).orElseThrow();
                events.append(h, EventTypes.PROFILE_SYNCED, ProfileEvent.of("added", profile, profile.gameSlug(), List.of()));
                return detail(h, profile);
            });
        } catch (RuntimeException e) {
            if (SqlStates.isUniqueViolation(e)) {
                // Another request added the same account between the check and the insert.
                throw conflict(plugin, resolved, jdbi.withHandle(h -> h.attach(ProfileDao.class)
                        .idOfAccount(plugin.key(), resolved.accountId())).orElse(null));
            }
            throw e;
        }
        queueSync(id);
        return created;
    }

    Optional<ProfileDetailResponse> update(ProfilePlugin<?> plugin, UUID id, Bodies.Read<UpdateProfileRequest> body) {
        UpdateProfileRequest request = body.value();
        String gameSlug = Texts.orNull(request.game());
        FieldErrors errors = new FieldErrors();
        if (body.has("settings")) {
            errors.check(request.settings() != null && request.settings().isObject(), "settings", "must be a JSON object");
        }
        if (body.has("game") && gameSlug != null && plugin.accountWide()) {
            errors.add("game", "a " + plugin.displayName() + " profile spans games and belongs to none: leave game out");
        }
        errors.throwIfUnprocessable();
        return jdbi.inTransaction(h -> {
            ProfileDao dao = h.attach(ProfileDao.class);
            Optional<Profile> locked = dao.lock(id).filter(p -> p.plugin().equals(plugin.key()));
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Profile before = locked.get();
            UUID gameId = before.gameId();
            if (body.has("game")) {
                gameId = gameSlug == null ? null : games.game(h, gameSlug).map(GameLookup.GameRef::id).orElse(null);
                if (gameSlug != null && gameId == null) {
                    new FieldErrors().add("game", "no game has the slug '" + gameSlug + "'").throwIfUnprocessable();
                }
            }
            JsonNode settings = body.has("settings") ? request.settings() : before.settings();
            boolean changes = !java.util.Objects.equals(gameId, before.gameId()) || !settings.equals(before.settings());
            if (changes) {
                dao.update(id, gameId, settings.toString(), SyncSchedule.at(now()));
            }
            Profile after = dao.find(id).orElseThrow();
            if (changes) {
                events.append(h, EventTypes.PROFILE_SYNCED, ProfileEvent.of("updated", after, after.gameSlug(), List.of()));
            }
            return Optional.of(detail(h, after));
        });
    }

    boolean delete(String plugin, UUID id) {
        return jdbi.inTransaction(h -> {
            ProfileDao dao = h.attach(ProfileDao.class);
            Optional<Profile> locked = dao.lock(id).filter(p -> p.plugin().equals(plugin));
            if (locked.isEmpty()) {
                return false;
            }
            dao.delete(id);
            events.append(h, EventTypes.PROFILE_SYNCED,
                    ProfileEvent.of("removed", locked.get(), locked.get().gameSlug(), List.of()));
            return true;
        });
    }

    /** Whether background jobs run in this process (syncs can be queued). */
    boolean runsJobs() {
        return jobs != null;
    }

    /** Queues a sync of the profile (or returns the one already queued or running); empty when jobs do not run here. */
    Optional<Jobs.JobRef> queueSync(UUID id) {
        if (jobs == null) {
            return Optional.empty();
        }
        return Optional.of(jobs.submitOnce(ProfileSync.TYPE, id.toString(), new ProfileSync.Params(id)));
    }

    private ProfileDetailResponse detail(Handle h, Profile p) {
        ProfileSnapshotDao snapshots = h.attach(ProfileSnapshotDao.class);
        List<String> views = plugins.find(p.plugin()).map(plugin -> plugin.views().stream()
                .map(v -> "/api/profiles/" + p.plugin() + "/" + p.id() + "/" + v.name()).toList()).orElse(List.of());
        return ProfileDetailResponse.from(p, snapshots.count(p.id()),
                snapshots.history(p.id(), HISTORY).stream().map(SnapshotResponse::from).toList(), views);
    }

    private JsonNode settings(JsonNode given) {
        return given == null || given.isNull() ? json.createObjectNode() : given;
    }

    private static Conflict conflict(ProfilePlugin<?> plugin, ResolvedHandle resolved, UUID existing) {
        return new Conflict("The " + plugin.displayName() + " account " + resolved.accountId()
                + " already has a profile" + (existing == null ? "" : ": /api/profiles/" + plugin.key() + "/" + existing));
    }

    /**
     * A game leaves the library: its profiles stay (they are the owner's accounts) and lose their
     * game, each recording {@code profile_synced} with the verb {@code updated}, as any other change
     * of a profile's game does. Called by the library inside its delete transaction.
     */
    List<GameRemoval.Event> removeGame(Handle h, GameLookup.GameRef game) {
        List<UUID> detached = h.createQuery("UPDATE profile SET game_id = NULL, updated_at = :now WHERE game_id = :game RETURNING id")
                .bind("now", now()).bind("game", game.id()).mapTo(UUID.class).list();
        ProfileDao dao = h.attach(ProfileDao.class);
        return detached.stream().sorted()
                .map(id -> dao.find(id).orElseThrow())
                .map(p -> new GameRemoval.Event(EventTypes.PROFILE_SYNCED, ProfileEvent.of("updated", p, null, List.of())))
                .toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
