package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.Jobs;

/**
 * The OAuth authorization of a profile's account, for plugins that offer one: a start stores the
 * request's state (its SHA-256 only) and what the plugin needs back, for {@link #LIFETIME}; the
 * callback takes that row away as it reads it (so a state works once, even for two callbacks at
 * the same time), checks it was this profile's and is not expired, lets the plugin exchange the
 * code, then stores the plugin's credentials in the profile's settings with
 * {@code questlog:profile_synced} ({@code updated}) and queues a sync. A refused state or code
 * stores nothing. Javalin-free: the controller answers the failures.
 */
final class ProfileAuthorizations {
    /** How long a started authorization waits for its callback. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A started authorization as the API answers it. */
    record Started(String authorizeUrl, String state, Instant expiresAt) {}

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventLog events;
    private final ProfileService service;

    ProfileAuthorizations(Jdbi jdbi, ObjectMapper json, Clock clock, EventLog events, ProfileService service) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.service = service;
    }

    /** Starts an authorization of the profile's account; empty when the plugin has no such profile. */
    Optional<Started> start(ProfilePlugin<?> plugin, ProfileAuthorization authorization, UUID id) {
        Optional<Profile> profile = service.find(plugin.key(), id);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        ProfileAuthorization.Request request = authorization.start(profile.get().accountId());
        Instant now = now();
        Instant expires = now.plus(LIFETIME);
        jdbi.useTransaction(h -> {
            // Expired starts are removed as new ones come: the table only ever holds a few minutes' worth.
            h.createUpdate("DELETE FROM profile_authorization WHERE expires_at < :now").bind("now", at(now)).execute();
            h.createUpdate("""
                    INSERT INTO profile_authorization (state_hash, profile_id, pending, created_at, expires_at)
                    VALUES (:hash, :profile, CAST(:pending AS jsonb), :now, :expires)""")
                    .bind("hash", hash(request.state())).bind("profile", id)
                    .bind("pending", (request.pending() == null ? json.createObjectNode() : request.pending()).toString())
                    .bind("now", at(now)).bind("expires", at(expires)).execute();
        });
        return Optional.of(new Started(request.url(), request.state(), expires));
    }

    /**
     * Completes the authorization the state names; empty when the plugin has no such profile.
     *
     * @throws questlog.common.InvalidInputException 400 on {@code state} for a state this profile's
     *         started authorizations do not have (never started, used already, another profile's) or one expired
     * @throws ProfileException the plugin's failure to exchange the code
     */
    Optional<Jobs.JobRef> complete(ProfilePlugin<?> plugin, ProfileAuthorization authorization, UUID id,
                                   AuthorizationCallbackRequest callback) {
        Optional<Profile> profile = service.find(plugin.key(), id);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Optional<Pending> taken = jdbi.withHandle(h -> h.createQuery("""
                        DELETE FROM profile_authorization WHERE state_hash = :hash AND profile_id = :profile
                        RETURNING pending, expires_at""")
                .bind("hash", hash(callback.state())).bind("profile", id)
                .map((rs, ctx) -> new Pending(readTree(rs.getString("pending")),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .findOne());
        if (taken.isEmpty()) {
            new FieldErrors().add("state", "no authorization of this profile was started with this state, or it was "
                    + "used already: start the authorization again").throwIfBadRequest();
        }
        if (!taken.get().expiresAt().isAfter(clock.instant())) {
            new FieldErrors().add("state", "this authorization expired at " + taken.get().expiresAt()
                    + " (" + LIFETIME.toMinutes() + " minutes after its start): start it again").throwIfBadRequest();
        }
        ObjectNode credentials = authorization.complete(profile.get().accountId(), callback.code(),
                taken.get().data());
        boolean stored = jdbi.inTransaction(h -> {
            ProfileDao dao = h.attach(ProfileDao.class);
            Optional<Profile> locked = dao.lock(id);
            if (locked.isEmpty()) {
                return false;
            }
            ObjectNode settings = locked.get().settings() != null && locked.get().settings().isObject()
                    ? ((ObjectNode) locked.get().settings()).deepCopy() : json.createObjectNode();
            settings.setAll(credentials);
            dao.update(id, locked.get().gameId(), settings.toString(), at(now()));
            Profile after = dao.find(id).orElseThrow();
            events.append(h, EventTypes.PROFILE_SYNCED, ProfileEvent.of("updated", after, after.gameSlug(), List.of()));
            return true;
        });
        if (!stored) {
            return Optional.empty(); // removed while the code was being exchanged
        }
        return Optional.of(service.queueSync(id).orElseThrow(() -> new IllegalStateException(
                "the callback is only served where background jobs run")));
    }

    private record Pending(JsonNode data, Instant expiresAt) {}

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored authorization is not JSON", e);
        }
    }

    /** The stored form of a state: its SHA-256 in hex (the state itself is a bearer secret until used). */
    static String hash(String state) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime at(Instant instant) {
        return SyncSchedule.at(instant);
    }
}
