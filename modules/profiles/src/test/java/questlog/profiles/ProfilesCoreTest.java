package questlog.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
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
import questlog.common.Bodies;
import questlog.common.EventTypes;
import questlog.common.GameLookup;
import questlog.common.InvalidInputException;
import questlog.common.JobContext;
import questlog.common.Json;
import questlog.profiles.ReplayingUpstream.Answer;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestJobContext;

/**
 * The profiles core against a real PostgreSQL and a replaying upstream, through the arcade test
 * plugin: adding profiles, syncs as jobs (history only when something lasting changed, the event
 * with the changes, failures that keep the last good data), the schedule, and the game detail.
 */
class ProfilesCoreTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = Json.objectMapper();
    static final String ACCOUNT = "5551234";
    static ReplayingUpstream upstream;
    static Jdbi jdbi;
    static final RecordingEventLog events = new RecordingEventLog();
    static final RecordingJobs jobs = new RecordingJobs();
    static final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    static ProfilePlugins plugins;
    static ProfileService service;
    static ProfileSync sync;
    static ProfileScheduler scheduler;

    @BeforeAll
    static void core() {
        upstream = ReplayingUpstream.start();
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(JSON);
        plugins = new ProfilePlugins(List.of(new ArcadePlugin(upstream.baseUrl(), true)));
        service = new ProfileService(jdbi, JSON, clock, new TableGameLookup(), events, jobs, plugins);
        sync = new ProfileSync(jdbi, JSON, clock, events, plugins);
        scheduler = new ProfileScheduler(jdbi, jobs, plugins, clock, Duration.ofSeconds(30));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO game (slug, name) VALUES ('portal-2', 'Portal 2'), ('hades', 'Hades');
                INSERT INTO external_id (source, external_id, game_id) SELECT 'steam', '620', id FROM game WHERE slug = 'portal-2';
                INSERT INTO external_id (source, external_id, game_id) SELECT 'steam', '1145360', id FROM game WHERE slug = 'hades'"""));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void clean() {
        jdbi.useHandle(h -> h.execute("DELETE FROM profile"));
        upstream.reset();
        events.clear();
        jobs.clear();
        upstream.always("/players/" + ACCOUNT, Answer.json(ArcadePluginTest.PLAYER));
        upstream.always("/names/kiri", Answer.json("{\"id\": \"" + ACCOUNT + "\"}"));
    }

    ArcadePlugin arcade() {
        return (ArcadePlugin) plugins.find("arcade").orElseThrow();
    }

    ProfileDetailResponse add() {
        return service.create(arcade(), new CreateProfileRequest("@kiri", null, null));
    }

    ProfileSync.Result runSync(UUID id) {
        return (ProfileSync.Result) sync.run(new TestJobContext(new ProfileSync.Params(id)));
    }

    List<ProfileEvent> profileEvents() {
        return events.events(EventTypes.PROFILE_SYNCED).stream().map(e -> (ProfileEvent) e.payload()).toList();
    }

    long snapshots(UUID id) {
        return jdbi.withHandle(h -> h.attach(ProfileSnapshotDao.class).count(id));
    }

    Profile stored(UUID id) {
        return jdbi.withHandle(h -> h.attach(ProfileDao.class).find(id)).orElseThrow();
    }

    @Test
    void addingAProfileResolvesItsHandleRecordsAnEventAndQueuesItsFirstSync() {
        ProfileDetailResponse created = add();
        assertThat(created.accountId()).isEqualTo(ACCOUNT);
        assertThat(created.handle()).isEqualTo("@kiri");
        assertThat(created.displayName()).isEqualTo("kiri");
        assertThat(created.data()).isNull();
        assertThat(created.settings()).isEqualTo(JSON.createObjectNode());
        assertThat(created.views()).containsExactly("/api/profiles/arcade/" + created.id() + "/level",
                "/api/profiles/arcade/" + created.id() + "/trophies");
        assertThat(profileEvents()).extracting(ProfileEvent::verb).containsExactly("added");
        assertThat(jobs.submitted()).containsExactly(new RecordingJobs.Submitted(ProfileSync.TYPE,
                created.id().toString(), new ProfileSync.Params(created.id())));
        OffsetDateTime next = jdbi.withHandle(h -> h.createQuery("SELECT next_sync_at FROM profile")
                .mapTo(OffsetDateTime.class).one());
        assertThat(next.toInstant()).isBetween(clock.instant().plus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofMinutes(66)));
    }

    @Test
    void aHandleThatIsInvalidOrUnknownOrAnAccountThatIsTakenWritesNothing() {
        assertThatThrownBy(() -> service.create(arcade(), new CreateProfileRequest("kiri", null, null)))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProfileException.Reason.INVALID_HANDLE));
        upstream.always("/names/nobody", Answer.json(404, "{\"error\": \"no such name\"}"));
        assertThatThrownBy(() -> service.create(arcade(), new CreateProfileRequest("@nobody", null, null)))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProfileException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> service.create(arcade(), new CreateProfileRequest("@kiri", "portal-2", null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("game"));
        assertThatThrownBy(() -> service.create(arcade(), new CreateProfileRequest("@kiri", null,
                JSON.getNodeFactory().textNode("dark"))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("settings"));
        long count = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM profile").mapTo(Long.class).one());
        assertThat(count).isZero();
        assertThat(events.events()).isEmpty();

        add();
        assertThatThrownBy(() -> service.create(arcade(), new CreateProfileRequest(ACCOUNT, null, null)))
                .isInstanceOf(ProfileService.Conflict.class).hasMessageContaining("already has a profile");
    }

    @Test
    void aSyncStoresTheDataAHistoryEntryAndTheEventWithWhatChanged() {
        UUID id = add().id();
        events.clear();
        ProfileSync.Result first = runSync(id);
        assertThat(first.outcome()).isEqualTo("first");
        assertThat(first.newSnapshot()).isTrue();
        Profile p = stored(id);
        assertThat(p.data().get("level").asInt()).isEqualTo(12);
        assertThat(p.displayName()).isEqualTo("Kiri");
        assertThat(p.syncedAt()).isEqualTo(clock.instant());
        assertThat(p.syncError()).isNull();
        assertThat(snapshots(id)).isEqualTo(1);
        assertThat(profileEvents()).singleElement().satisfies(e -> {
            assertThat(e.verb()).isEqualTo("synced");
            assertThat(e.changes()).isEmpty();
            assertThat(e.displayName()).isEqualTo("Kiri");
        });

        // The same state again: the sync is recorded, the history is not.
        events.clear();
        clock.advance(Duration.ofMinutes(5));
        ProfileSync.Result same = runSync(id);
        assertThat(same.changed()).isFalse();
        assertThat(same.newSnapshot()).isFalse();
        assertThat(snapshots(id)).isEqualTo(1);
        assertThat(stored(id).syncedAt()).isEqualTo(clock.instant());

        // Going offline changes the latest data, not the history.
        upstream.always("/players/" + ACCOUNT, Answer.json(ArcadePluginTest.PLAYER.replace("\"online\": true",
                "\"online\": false")));
        ProfileSync.Result offline = runSync(id);
        assertThat(offline.changed()).isTrue();
        assertThat(offline.newSnapshot()).isFalse();
        assertThat(stored(id).data().get("online").asBoolean()).isFalse();
        assertThat(snapshots(id)).isEqualTo(1);

        // Playing: a new history entry, and the event says what changed.
        events.clear();
        upstream.always("/players/" + ACCOUNT, Answer.json(ArcadePluginTest.LATER));
        ProfileSync.Result later = runSync(id);
        assertThat(later.newSnapshot()).isTrue();
        assertThat(later.changes()).extracting(ProfileChange::kind).containsExactly("level", "playtime", "trophies");
        assertThat(snapshots(id)).isEqualTo(2);
        assertThat(profileEvents()).singleElement().satisfies(e ->
                assertThat(e.summary()).isEqualTo("Reached level 13; 60 min played; 1 new trophies"));
        ProfileDetailResponse detail = service.get("arcade", id).orElseThrow();
        assertThat(detail.snapshotCount()).isEqualTo(2);
        assertThat(detail.snapshots().getFirst().changes().get(2).get("details").get("trophies").get(0).asText())
                .isEqualTo("boss");
    }

    @Test
    void aFailedSyncKeepsTheLastGoodDataAndRecordsTheError() {
        UUID id = add().id();
        runSync(id);
        JsonNode good = stored(id).data();
        upstream.always("/players/" + ACCOUNT, Answer.json("{\"player\": null, \"private\": true}"));
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> runSync(id)).isInstanceOf(ProfileSync.Failed.class)
                .hasMessage("This Arcade player's profile is private");
        Profile failed = stored(id);
        assertThat(failed.data()).isEqualTo(good);
        assertThat(failed.syncError()).isEqualTo("This Arcade player's profile is private");
        assertThat(snapshots(id)).isEqualTo(1);

        // Throttled: tried again in 15 minutes, not in an hour.
        upstream.always("/players/" + ACCOUNT, Answer.json(429, "{}").withHeader("Retry-After", "1"));
        assertThatThrownBy(() -> runSync(id)).isInstanceOf(ProfileSync.Failed.class);
        OffsetDateTime next = jdbi.withHandle(h -> h.createQuery("SELECT next_sync_at FROM profile")
                .mapTo(OffsetDateTime.class).one());
        assertThat(next.toInstant()).isEqualTo(clock.instant().plus(SyncSchedule.MIN_RETRY));

        upstream.always("/players/" + ACCOUNT, Answer.json(ArcadePluginTest.PLAYER));
        runSync(id);
        assertThat(stored(id).syncError()).isNull();
    }

    @Test
    void aCancelledSyncWritesNothingAndAResumedOneDoesNotFetchAgain() {
        UUID id = add().id();
        TestJobContext cancelled = new TestJobContext(new ProfileSync.Params(id));
        cancelled.cancel = true;
        assertThatThrownBy(() -> sync.run(cancelled)).isInstanceOf(JobContext.Cancelled.class);
        assertThat(stored(id).data()).isNull();
        assertThat(upstream.requests("/players/" + ACCOUNT)).isEmpty();

        TestJobContext context = new TestJobContext(new ProfileSync.Params(id));
        Object result = sync.run(context);
        assertThat(upstream.requests("/players/" + ACCOUNT)).hasSize(1);
        // Run again after the store committed (as after a crash before the job was marked done).
        assertThat(sync.run(context)).isEqualTo(result);
        assertThat(upstream.requests("/players/" + ACCOUNT)).hasSize(1);
    }

    @Test
    void aRemovedProfileIsNotSynced() {
        UUID id = add().id();
        assertThat(service.delete("arcade", id)).isTrue();
        assertThat(runSync(id).outcome()).isEqualTo("removed");
        assertThat(upstream.requests("/players/" + ACCOUNT)).isEmpty();
        assertThat(profileEvents()).extracting(ProfileEvent::verb).containsExactly("added", "removed");
    }

    @Test
    void changingSettingsRecordsAnEventAndChangingNothingDoesNot() {
        UUID id = add().id();
        events.clear();
        JsonNode dark = JSON.createObjectNode().put("theme", "dark");
        var body = new Bodies.Read<>(new UpdateProfileRequest(null, dark), Set.of("settings"));
        assertThat(service.update(arcade(), id, body).orElseThrow().settings()).isEqualTo(dark);
        assertThat(service.update(arcade(), id, body)).isPresent();
        assertThat(profileEvents()).extracting(ProfileEvent::verb).containsExactly("updated");
        var game = new Bodies.Read<>(new UpdateProfileRequest("portal-2", null), Set.of("game"));
        assertThatThrownBy(() -> service.update(arcade(), id, game)).isInstanceOf(InvalidInputException.class);
        assertThat(service.update(arcade(), UUID.randomUUID(), body)).isEmpty();
    }

    @Test
    void dueProfilesAreQueuedOnceWithTheirNextTimeJittered() {
        UUID id = add().id();
        jobs.clear();
        assertThat(scheduler.queueDue()).isZero();
        clock.advance(Duration.ofMinutes(67));
        assertThat(scheduler.queueDue()).isEqualTo(1);
        assertThat(scheduler.queueDue()).as("not due again until its next time").isZero();
        assertThat(jobs.submitted()).extracting(RecordingJobs.Submitted::key).containsExactly(id.toString());
        OffsetDateTime next = jdbi.withHandle(h -> h.createQuery("SELECT next_sync_at FROM profile")
                .mapTo(OffsetDateTime.class).one());
        assertThat(next.toInstant()).isBetween(clock.instant().plus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofMinutes(66)));
        // A profile of a plugin that is not installed is never queued.
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO profile (plugin, account_id, handle) VALUES ('ffxiv', '12345678', 'Tataru Taru@Gilgamesh')"""));
        clock.advance(Duration.ofHours(2));
        assertThat(scheduler.queueDue()).isEqualTo(1);
        jobs.finishAll();
    }

    @Test
    void aPluginThatCannotReachItsServiceIsNeverScheduled() {
        ProfilePlugins withoutKey = new ProfilePlugins(List.of(new questlog.profiles.steam.SteamPlugin(
                java.util.Optional.empty())));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO profile (plugin, account_id, handle) VALUES ('steam', '76561197960287930', 'gabelogannewell')"""));
        assertThat(new ProfileScheduler(jdbi, jobs, withoutKey, clock, Duration.ofSeconds(30)).queueDue()).isZero();
        assertThat(new ProfileScheduler(jdbi, jobs, plugins, clock, Duration.ofSeconds(30)).queueDue())
                .as("nor is a plugin that is not installed").isZero();
        assertThat(jobs.submitted()).isEmpty();
    }

    @Test
    void anAccountWideProfileIsInTheDetailOfEveryGameItCovers() {
        UUID id = add().id();
        runSync(id);
        var section = new questlog.common.GameDetailSection<>("profiles", GameProfileResponse.class, GameSection.OF_GAME,
                new GameSection(JSON, plugins)::read);
        GameLookup.GameRef portal = jdbi.withHandle(h -> new TableGameLookup().game(h, "portal-2")).orElseThrow();
        GameLookup.GameRef hades = jdbi.withHandle(h -> new TableGameLookup().game(h, "hades")).orElseThrow();
        List<GameProfileResponse> ofPortal = jdbi.withHandle(h -> section.read(h, portal, false));
        assertThat(ofPortal).singleElement().satisfies(p -> {
            assertThat(p.accountWide()).isTrue();
            assertThat(p.data()).isEqualTo(new ArcadePlugin.GamePart(620, 12));
            assertThat(p.url()).isEqualTo("/api/profiles/arcade/" + id);
        });
        List<GameProfileResponse> ofHades = jdbi.withHandle(h -> section.read(h, hades, false));
        assertThat(ofHades).isEmpty();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
