package questlog.profiles.destiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static questlog.profiles.destiny.DestinyFixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ProfilePluginContract;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;
import questlog.profiles.ResolvedHandle;

/** The Destiny plugin against a local server replaying Bungie.net's envelopes, its failures included. */
class DestinyPluginTest extends ProfilePluginContract<DestinySnapshot> {
    private DestinyPlugin built;

    @Override
    protected ProfilePlugin<DestinySnapshot> plugin(String baseUrl) {
        built = DestinyFixtures.plugin(baseUrl);
        return built;
    }

    @AfterEach
    void closePlugin() {
        built.close();
    }

    @Override
    protected List<String> acceptedHandles() {
        return List.of("Guardian#1234", "Guardian#0042", ACCOUNT, "https://www.bungie.net/7/en/User/Profile/3/"
                + MEMBERSHIP);
    }

    @Override
    protected void prepareResolvable(ReplayingUpstream upstream) {
        upstream.always(SEARCH, json("search.json"));
        upstream.always(PROFILE, json("profile-only.json"));
    }

    @Override
    protected List<String> rejectedHandles() {
        return List.of("", "Guardian", "Guardian#", "Guardian#12345", "#1234", "7:4611686018467284386", "3:abc",
                "https://www.bungie.net/7/en/User/Profile/3/", "x".repeat(100) + "#1234", "Guar\u0000dian#1234");
    }

    @Override
    protected String prepareAccount(ReplayingUpstream upstream) {
        account(upstream);
        return ACCOUNT;
    }

    @Override
    protected void prepareLaterState(ReplayingUpstream upstream) {
        later(upstream);
    }

    @Override
    protected String prepareUnknownPlayer(ReplayingUpstream upstream) {
        upstream.always("/Platform/Destiny2/3/Profile/4611686018400000000/", json("account-not-found.json"));
        return "3:4611686018400000000";
    }

    @Override
    protected String preparePrivateProfile(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always(activities(HUNTER), json("privacy.json"));
        return ACCOUNT;
    }

    @Override
    protected String prepareThrottled(ReplayingUpstream upstream) {
        account(upstream);
        // Bungie throttles with HTTP 200 and an ErrorCode, saying how long to wait.
        upstream.always(STATS, json("throttled.json"));
        return ACCOUNT;
    }

    @Override
    protected String prepareDown(ReplayingUpstream upstream) {
        upstream.always(PROFILE, Answer.json(503, fixture("system-disabled.json")));
        return ACCOUNT;
    }

    @Override
    protected String prepareMalformed(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always(STATS, Answer.html(200, "<!DOCTYPE html><html><head><title>Bungie.net</title></head>"
                + "<body><h1>Bungie.net is having trouble</h1></body></html>"));
        return ACCOUNT;
    }

    // ---- what a snapshot holds ----

    @Test
    void aSnapshotHoldsCharactersStatsActivitiesReportsAndNames() {
        DestinySnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(s.membershipType()).isEqualTo(3);
        assertThat(s.bungieName()).isEqualTo("Guardian");
        assertThat(s.bungieNameCode()).isEqualTo(1234);
        assertThat(s.syncedAt()).isEqualTo(NOW);
        assertThat(s.characters()).extracting(DestinySnapshot.Character::characterId)
                .containsExactly(HUNTER, WARLOCK, TITAN);
        assertThat(s.characters().getFirst().minutesPlayed()).isEqualTo(48211);
        assertThat(s.stats()).extracting(r -> r.scope() + "/" + r.mode() + "/" + r.characterId()).containsExactly(
                "account/allPvE/null", "account/allPvP/null", "account_deleted/allPvE/null",
                "character/allPvE/" + HUNTER, "character/allPvP/" + HUNTER, "character/allPvE/" + WARLOCK);
        assertThat(s.activities()).hasSize(7);
        assertThat(s.activities().getFirst().instanceId()).isEqualTo("15000000005");
        assertThat(s.activityNames()).containsEntry("1541433876", "Salvation's Edge").hasSize(5);
        assertThat(s.carnageReports()).containsOnlyKeys("15000000005", "15000000004", "15000000001", "14000000002");
        assertThat(upstream.requests(activities(HUNTER))).singleElement().satisfies(r -> assertThat(r.query())
                .containsEntry("count", "250").containsEntry("mode", "0").containsEntry("page", "0"));
    }

    @Test
    void theApiKeyIsSentAndASecondSyncReadsOnlyWhatIsNew() {
        DestinySnapshot first = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        prepareLaterState(upstream);
        upstream.reset();
        account(upstream);
        later(upstream);
        DestinySnapshot second = plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(first)));
        assertThat(second.activities()).hasSize(8);
        assertThat(second.carnageReports()).containsKey("15000000006");
        // Names and older reports carried over: only the new raid's report was read.
        assertThat(upstream.requests().stream().filter(r -> r.path().contains("Manifest"))).isEmpty();
        assertThat(upstream.requests().stream().filter(r -> r.path().contains("PostGameCarnageReport")))
                .singleElement().satisfies(r -> assertThat(r.path()).isEqualTo(pgcr("15000000006")));
    }

    @Test
    void summariesSayWhatAStreamOverlayWouldShow() {
        DestinySnapshot before = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        prepareLaterState(upstream);
        DestinySnapshot after = plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(before)));
        List<ProfileChange> changes = plugin.changes(before, after);
        assertThat(changes).extracting(ProfileChange::summary).containsExactly(
                "raid cleared: Salvation's Edge in 56 min", "Hunter reached light 2020", "3 h 10 min played");
        assertThat(changes.getFirst().kind()).isEqualTo("raid_clear");
    }

    @Test
    void aFirstSnapshotComparedWithAnEmptyOneNamesEveryClear() {
        DestinySnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        DestinySnapshot none = new DestinySnapshot(3, MEMBERSHIP, "Guardian", 1234, null, s.characters(), List.of(),
                List.of(), null, null);
        assertThat(plugin.changes(none, s)).extracting(ProfileChange::summary).containsExactly(
                "raid cleared: Salvation's Edge in 55 min", "raid cleared: Crota's End in 45 min",
                "dungeon cleared: Vesper's Host in 35 min", "raid cleared: Salvation's Edge in 58 min");
    }

    @Test
    void theSyncTimeAloneIsNoHistory() {
        DestinySnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        DestinySnapshot later = new DestinySnapshot(s.membershipType(), s.membershipId(), s.bungieName(),
                s.bungieNameCode(), Instant.parse("2026-12-07T00:00:00Z"), s.characters(), s.stats(), s.activities(),
                s.carnageReports(), s.activityNames());
        assertThat(plugin.lasting(later)).isEqualTo(plugin.lasting(s));
    }

    // ---- Bungie's own failure shapes ----

    @Test
    void throttlingIsRetriedAfterThrottleSecondsThenRateLimited() {
        prepareThrottled(upstream);
        long started = System.nanoTime();
        assertThatThrownBy(() -> plugin.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(upstream.requests(STATS)).hasSize(2);
    }

    @Test
    void aThrottleThatPassesIsInvisible() {
        account(upstream);
        upstream.enqueue(STATS, json("throttled.json"));
        assertThat(plugin.fetch(ACCOUNT, FetchContext.first()).stats()).isNotEmpty();
    }

    @Test
    void systemDisabledWithHttp200IsMaintenanceAndNotRetried() {
        upstream.always(PROFILE, json("system-disabled.json"));
        assertThatThrownBy(() -> plugin.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("maintenance");
                });
        assertThat(upstream.requests(PROFILE)).hasSize(1);
    }

    @Test
    void aPrivateCharacterComponentIsPrivate() {
        account(upstream);
        upstream.always(PROFILE, json("profile-private.json"));
        assertThatThrownBy(() -> plugin.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PRIVATE));
    }

    @Test
    void aRefusedKeyIsUpstreamDownNamingTheSetting() {
        upstream.always(PROFILE, Answer.json(401, fixture("bad-key.json")));
        assertThatThrownBy(() -> plugin.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("BUNGIE_API_KEY").doesNotContain(KEY);
                });
    }

    @Test
    void withoutAnApiKeyNothingIsAskedAndTheAnswerSaysWhy() {
        DestinyPlugin keyless = new DestinyPlugin(new DestinySettings(Optional.empty(), upstream.baseUrl(),
                upstream.baseUrl(), Duration.ofMillis(1), 1, 1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(1)), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> keyless.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("BUNGIE_API_KEY");
                });
        keyless.close();
        assertThat(upstream.requests()).isEmpty();
    }

    // ---- handles ----

    @Test
    void aBungieNameResolvesToTheCrossSavePrimaryAccount() {
        upstream.always(SEARCH, json("search.json"));
        assertThat(plugin.resolve("Guardian#1234"))
                .isEqualTo(new ResolvedHandle(ACCOUNT, "Guardian#1234", "Guardian#1234"));
    }

    @Test
    void aBungieNameNobodyHasIsNotFound() {
        upstream.always(SEARCH, json("search-empty.json"));
        assertThatThrownBy(() -> plugin.resolve("Nobody#0001"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }
}
