package questlog.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.InvalidInputException;
import questlog.common.Json;
import questlog.profiles.ProfileAuthorizations.Started;
import questlog.profiles.ReplayingUpstream.Answer;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;

/**
 * The core's OAuth authorization of a profile, through the arcade test plugin and its token
 * endpoint on a replaying server: the state is kept hashed with its expiry, the callback takes it
 * once, and a wrong, replayed, expired or foreign state (or a refused code) stores nothing.
 */
class ProfileAuthorizationsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = Json.objectMapper();
    static final String ACCOUNT = "5551234";
    static ReplayingUpstream upstream;
    static Jdbi jdbi;
    static final RecordingEventLog events = new RecordingEventLog();
    static final RecordingJobs jobs = new RecordingJobs();
    static final ProfilesCoreTest.MutableClock clock = new ProfilesCoreTest.MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    static ArcadePlugin arcade;
    static ProfileService service;
    static ProfileAuthorizations authorizations;

    @BeforeAll
    static void core() {
        upstream = ReplayingUpstream.start();
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(JSON);
        arcade = new ArcadePlugin(upstream.baseUrl(), true);
        ProfilePlugins plugins = new ProfilePlugins(List.of(arcade));
        service = new ProfileService(jdbi, JSON, clock, new TableGameLookup(), events, jobs, plugins);
        authorizations = new ProfileAuthorizations(jdbi, JSON, clock, events, service);
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void clean() {
        jdbi.useHandle(h -> h.execute("DELETE FROM profile"));
        upstream.reset();
        upstream.always("/oauth/token", Answer.json("{\"token\": \"t-0123456789\"}"));
    }

    UUID add(String account) {
        UUID id = service.create(arcade, new CreateProfileRequest(account, null,
                JSON.createObjectNode().put("theme", "dark"))).id();
        events.clear();
        jobs.clear();
        return id;
    }

    Started start(UUID id) {
        return authorizations.start(arcade, arcade.authorization().orElseThrow(), id).orElseThrow();
    }

    java.util.Optional<questlog.common.Jobs.JobRef> callback(UUID id, String code, String state) {
        return authorizations.complete(arcade, arcade.authorization().orElseThrow(), id,
                new AuthorizationCallbackRequest(code, state));
    }

    Profile stored(UUID id) {
        return jdbi.withHandle(h -> h.attach(ProfileDao.class).find(id)).orElseThrow();
    }

    long pending() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM profile_authorization").mapTo(Long.class).one());
    }

    static void refusedState(Runnable call, String saying) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("state");
                assertThat(error.message()).contains(saying);
            });
        });
    }

    @Test
    void aStartKeepsOnlyTheStatesHashWithWhatThePluginNeedsBackUntilItExpires() {
        UUID id = add(ACCOUNT);
        Started started = start(id);
        assertThat(started.authorizeUrl()).isEqualTo(upstream.baseUrl() + "authorize?account=" + ACCOUNT + "&state="
                + started.state());
        assertThat(started.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT state_hash, profile_id, pending::text AS pending FROM profile_authorization")
                .mapToMap().one());
        assertThat(row.get("state_hash")).isEqualTo(ProfileAuthorizations.hash(started.state()))
                .isNotEqualTo(started.state());
        assertThat(row.get("profile_id")).isEqualTo(id);
        assertThat((String) row.get("pending")).contains("verifier-" + started.state());
        assertThat(jdbi.withHandle(h -> h.createQuery("SELECT expires_at FROM profile_authorization")
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant()).isEqualTo(started.expiresAt());
        assertThat(events.events()).as("no observable change yet").isEmpty();
        assertThat(authorizations.start(arcade, arcade.authorization().orElseThrow(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void theCallbackExchangesTheCodeStoresTheCredentialsInTheSettingsAndQueuesASync() {
        UUID id = add(ACCOUNT);
        Started started = start(id);
        var job = callback(id, "code-42", started.state()).orElseThrow();

        assertThat(upstream.requests("/oauth/token")).singleElement().satisfies(r ->
                assertThat(r.body()).isEqualTo("code=code-42&verifier=verifier-" + started.state()));
        assertThat(stored(id).settings()).isEqualTo(JSON.createObjectNode().put("theme", "dark")
                .put("token", "t-0123456789"));
        assertThat(events.events(EventTypes.PROFILE_SYNCED)).singleElement()
                .satisfies(e -> assertThat(((ProfileEvent) e.payload()).verb()).isEqualTo("updated"));
        assertThat(jobs.submitted()).containsExactly(new RecordingJobs.Submitted(ProfileSync.TYPE, id.toString(),
                new ProfileSync.Params(id)));
        assertThat(job.type()).isEqualTo(ProfileSync.TYPE);
        assertThat(pending()).isZero();
    }

    @Test
    void aReplayedUnknownForeignOrExpiredStateIsA400AndStoresNothing() {
        UUID id = add(ACCOUNT);
        UUID other = add("5559876");
        Started used = start(id);
        callback(id, "code-1", used.state());
        events.clear();
        jobs.clear();
        var settings = stored(id).settings();

        refusedState(() -> callback(id, "code-1", used.state()), "used already");
        refusedState(() -> callback(id, "code-1", "made-up-state"), "no authorization of this profile");
        Started othersState = start(other);
        refusedState(() -> callback(id, "code-2", othersState.state()), "no authorization of this profile");
        Started late = start(id);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        refusedState(() -> callback(id, "code-3", late.state()), "expired");

        assertThat(upstream.requests("/oauth/token")).as("no code exchanged after the first").hasSize(1);
        assertThat(stored(id).settings()).isEqualTo(settings);
        assertThat(stored(other).settings()).isEqualTo(JSON.createObjectNode().put("theme", "dark"));
        assertThat(events.events()).isEmpty();
        assertThat(jobs.submitted()).isEmpty();
        // The foreign state was not used up by the wrong profile; the expired one is gone with its try.
        List<UUID> left = jdbi.withHandle(h -> h.createQuery("SELECT profile_id FROM profile_authorization")
                .mapTo(UUID.class).list());
        assertThat(left).containsExactly(other);
        // A later start sweeps what expired.
        start(id);
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void aCodeTheServiceRefusesStoresNothingAndTheStateIsUsedUp() {
        UUID id = add(ACCOUNT);
        Started started = start(id);
        upstream.always("/oauth/token", Answer.json(400, "{\"error\": \"invalid_grant\"}"));
        assertThatThrownBy(() -> callback(id, "stale-code", started.state()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProfileException.Reason.REFUSED);
                    assertThat(e.reason().status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("invalid_grant");
                });
        assertThat(stored(id).settings()).isEqualTo(JSON.createObjectNode().put("theme", "dark"));
        assertThat(events.events()).isEmpty();
        assertThat(jobs.submitted()).isEmpty();
        refusedState(() -> callback(id, "stale-code", started.state()), "used already");
    }

    @Test
    void aRemovedProfileHasNoAuthorization() {
        UUID id = add(ACCOUNT);
        Started started = start(id);
        service.delete("arcade", id);
        assertThat(callback(id, "code", started.state())).isEmpty();
        assertThat(pending()).as("its started authorizations went with it").isZero();
        long profiles = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM profile").mapTo(Long.class).one());
        assertThat(profiles).isZero();
    }
}
