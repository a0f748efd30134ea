package questlog.profiles.ffxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import questlog.profiles.ProfileView;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;
import questlog.profiles.ResolvedHandle;

/**
 * The FFXIV plugin against a local server replaying Lodestone pages and FFXIV Collect answers in
 * the shapes those services give, their failures included. Which real page structure the Lodestone
 * fixtures follow, and from when: {@code src/test/resources/ffxiv/README.md}.
 */
class FfxivPluginTest extends ProfilePluginContract<FfxivSnapshot> {
    static final String ID = "8255311";
    static final String PROFILE = "/lodestone/character/" + ID + "/";
    static final String CLASS_JOB = PROFILE + "class_job/";
    static final String COLLECT = "/api/characters/" + ID;

    private FfxivPlugin built;

    static FfxivSettings settings(String baseUrl) {
        return new FfxivSettings(baseUrl, baseUrl + "api/", Duration.ofMillis(1), 2, Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofSeconds(5));
    }

    @Override
    protected ProfilePlugin<FfxivSnapshot> plugin(String baseUrl) {
        built = new FfxivPlugin(settings(baseUrl));
        return built;
    }

    @AfterEach
    void closePlugin() {
        built.close();
    }

    static String fixture(String name) {
        try (InputStream in = FfxivPluginTest.class.getResourceAsStream("/ffxiv/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer page(String name) {
        return Answer.html(200, fixture(name));
    }

    @Override
    protected List<String> acceptedHandles() {
        return List.of(ID, "https://na.finalfantasyxiv.com/lodestone/character/8255311/",
                "https://eu.finalfantasyxiv.com/lodestone/character/8255311", "Lethys Lightpaw@Phoenix",
                "lethys lightpaw @ phoenix", "Lethys Lightpaw (Phoenix)");
    }

    @Override
    protected void prepareResolvable(ReplayingUpstream upstream) {
        upstream.always(PROFILE, page("lodestone-profile.html"));
        upstream.always("/lodestone/character/", page("lodestone-search.html"));
    }

    @Override
    protected List<String> rejectedHandles() {
        return List.of("", "   ", "Lethys", "Lethys Lightpaw", "Lethys Lightpaw@", "Lethys Lightpaw@Ph0enix",
                "12345678901", "8255311a", "https://example.com/lodestone/character/8255311/", "x".repeat(300),
                "L Lightpaw@Phoenix", "Lethys\u0000Lightpaw@Phoenix");
    }

    @Override
    protected String prepareAccount(ReplayingUpstream upstream) {
        upstream.always(PROFILE, page("lodestone-profile.html"));
        upstream.always(CLASS_JOB, page("lodestone-class-job.html"));
        upstream.always(COLLECT, Answer.json(fixture("collect-character.json")));
        return ID;
    }

    @Override
    protected void prepareLaterState(ReplayingUpstream upstream) {
        upstream.always(PROFILE, page("lodestone-profile-later.html"));
        upstream.always(CLASS_JOB, page("lodestone-class-job-later.html"));
        upstream.always(COLLECT, Answer.json(fixture("collect-character-later.json")));
    }

    @Override
    protected String prepareUnknownPlayer(ReplayingUpstream upstream) {
        upstream.always("/lodestone/character/99999999/", Answer.html(404, fixture("lodestone-404.html")));
        return "99999999";
    }

    @Override
    protected String preparePrivateProfile(ReplayingUpstream upstream) {
        upstream.always(PROFILE, page("lodestone-private.html"));
        return ID;
    }

    @Override
    protected String prepareThrottled(ReplayingUpstream upstream) {
        upstream.always(PROFILE, Answer.html(429, "<html><body><h1>429 Too Many Requests</h1></body></html>"));
        return ID;
    }

    @Override
    protected String prepareDown(ReplayingUpstream upstream) {
        upstream.always(PROFILE, Answer.html(503, fixture("lodestone-maintenance.html")));
        return ID;
    }

    @Override
    protected String prepareMalformed(ReplayingUpstream upstream) {
        prepareAccount(upstream);
        upstream.always(COLLECT, Answer.html(200, "<!DOCTYPE html><html><head><title>FFXIV Collect</title></head>"
                + "<body><h1>We're sorry, but something went wrong.</h1></body></html>"));
        return ID;
    }

    // ---- what a snapshot holds ----

    @Test
    void aSnapshotHoldsTheCharacterItsJobsAndCollections() {
        FfxivSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(s.characterId()).isEqualTo(ID);
        assertThat(s.name()).isEqualTo("Lethys Lightpaw");
        assertThat(s.title()).isEqualTo("Warrior of Light");
        assertThat(s.world()).isEqualTo("Phoenix");
        assertThat(s.dataCenter()).isEqualTo("Light");
        assertThat(s.activeJob()).isEqualTo("Dancer");
        assertThat(s.activeJobLevel()).isEqualTo(90);
        assertThat(s.freeCompany()).isEqualTo(new FfxivSnapshot.FreeCompany("9231253336202687179", "Dawn Reclamation"));
        assertThat(s.jobs()).hasSize(33);
        assertThat(s.jobs().getFirst()).isEqualTo(new FfxivSnapshot.Job("Paladin", 90, 6_290_000L, 17_000_000L));
        assertThat(s.jobs()).contains(new FfxivSnapshot.Job("Warrior", 100, null, null),
                new FfxivSnapshot.Job("Gunbreaker", 0, null, null),
                new FfxivSnapshot.Job("Blue Mage", 80, null, null),
                new FfxivSnapshot.Job("Fisher", 85, 4_070_000L, 11_000_000L));
        assertThat(s.jobs()).extracting(FfxivSnapshot.Job::name).doesNotContain("Elemental Level", "Resistance Rank");
        assertThat(s.collectionsStatus()).isEqualTo(FfxivSnapshot.COLLECTIONS_OK);
        assertThat(s.collections().lastParsed()).isEqualTo(Instant.parse("2026-12-05T09:14:22Z"));
        assertThat(s.collections().mounts().count()).isEqualTo(40);
        assertThat(s.collections().mounts().total()).isEqualTo(331);
        assertThat(s.collections().mounts().ids()).hasSize(40).startsWith(1, 2, 3);
        assertThat(s.collections().minions().count()).isEqualTo(60);
        assertThat(s.collections().achievements().count()).isEqualTo(133);
        assertThat(s.collections().achievements().points()).isEqualTo(1335);
        assertThat(s.collections().achievements().publiclyVisible()).isTrue();
        assertThat(upstream.requests(COLLECT)).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("ids", "1"));
    }

    @Test
    void aTitleAfterTheNameAndNoFreeCompanyAreRead() {
        prepareAccount(upstream);
        upstream.always(PROFILE, page("lodestone-profile-no-fc.html"));
        FfxivSnapshot s = plugin.fetch(ID, FetchContext.first());
        assertThat(s.title()).isEqualTo("The Insatiable");
        assertThat(s.world()).isEqualTo("Odin");
        assertThat(s.freeCompany()).as("the side column's feed names another free company").isNull();
        assertThat(s.activeJob()).isEqualTo("Dragoon");
        assertThat(s.activeJobLevel()).isEqualTo(72);
    }

    @Test
    void summariesSayWhatAStreamOverlayWouldShow() {
        String account = prepareAccount(upstream);
        FfxivSnapshot before = plugin.fetch(account, FetchContext.first());
        prepareLaterState(upstream);
        FfxivSnapshot after = plugin.fetch(account, FetchContext.of(Optional.of(before)));
        assertThat(plugin.changes(before, after)).extracting(ProfileChange::summary).containsExactly(
                "Viper reached level 80", "Dancer reached level 100", "3 new mounts", "1 new minion",
                "5 new achievements");
        ProfileChange mounts = plugin.changes(before, after).get(2);
        assertThat(mounts.kind()).isEqualTo("mounts");
        assertThat(mounts.details()).containsEntry("count", 3).containsEntry("ids", List.of(262, 270, 301));
    }

    @Test
    void movingWorldsAndLeavingAFreeCompanyAreChanges() {
        prepareAccount(upstream);
        FfxivSnapshot before = plugin.fetch(ID, FetchContext.first());
        upstream.always(PROFILE, page("lodestone-profile-no-fc.html"));
        FfxivSnapshot after = plugin.fetch(ID, FetchContext.first());
        assertThat(plugin.changes(before, after)).extracting(ProfileChange::summary)
                .containsExactly("moved to Odin (Light)", "left the free company Dawn Reclamation");
    }

    @Test
    void experiencePointsAloneAreNoHistory() {
        prepareAccount(upstream);
        FfxivSnapshot s = plugin.fetch(ID, FetchContext.first());
        FfxivSnapshot moreExp = new FfxivSnapshot(s.characterId(), s.name(), s.title(), s.world(), s.dataCenter(),
                s.activeJob(), s.activeJobLevel(), s.freeCompany(), s.jobs().stream()
                .map(j -> new FfxivSnapshot.Job(j.name(), j.level(), j.exp() == null ? null : j.exp() + 1000,
                        j.expToLevel())).toList(), s.collections(), s.collectionsStatus());
        assertThat(plugin.lasting(moreExp)).isEqualTo(plugin.lasting(s));
        assertThat(plugin.changes(s, moreExp)).isEmpty();
    }

    // ---- FFXIV Collect's own answers ----

    @Test
    void aCharacterFfxivCollectDoesNotListHasNoCollections() {
        prepareAccount(upstream);
        upstream.always(COLLECT, Answer.json(404, "{\"status\":404,\"error\":\"Not found\"}"));
        FfxivSnapshot s = plugin.fetch(ID, FetchContext.first());
        assertThat(s.collections()).isNull();
        assertThat(s.collectionsStatus()).isEqualTo(FfxivSnapshot.COLLECTIONS_NOT_LISTED);
        assertThat(s.jobs()).isNotEmpty();
    }

    @Test
    void aCharacterPrivateOnFfxivCollectHasNoCollections() {
        prepareAccount(upstream);
        upstream.always(COLLECT, Answer.json(403, "{\"status\":403,\"error\":\"Character is set to private\"}"));
        FfxivSnapshot s = plugin.fetch(ID, FetchContext.first());
        assertThat(s.collections()).isNull();
        assertThat(s.collectionsStatus()).isEqualTo(FfxivSnapshot.COLLECTIONS_PRIVATE);
    }

    @Test
    void ffxivCollectThrottlingIsRateLimitedAfterItsRetryAfter() {
        prepareAccount(upstream);
        upstream.always(COLLECT, Answer.json(429, "{\"status\":429,\"error\":\"Too many requests\"}")
                .withHeader("Retry-After", "1"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(upstream.requests(COLLECT)).hasSize(2);
    }

    @Test
    void anHtml404FromFfxivCollectIsABadResponse() {
        prepareAccount(upstream);
        upstream.always(COLLECT, Answer.html(404, "<html><body><h1>Not Found</h1></body></html>"));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    // ---- the Lodestone's own failures ----

    @Test
    void maintenanceIsUpstreamDownAtOnceAndNotRetried() {
        upstream.always(PROFILE, Answer.html(503, fixture("lodestone-maintenance.html")));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("maintenance");
                });
        assertThat(upstream.requests(PROFILE)).hasSize(1);
    }

    @Test
    void aMaintenancePageServedWithA200IsUpstreamDownToo() {
        prepareAccount(upstream);
        upstream.always(CLASS_JOB, page("lodestone-maintenance.html"));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN));
    }

    @Test
    void aChangedLayoutIsABadResponseNeverAHalfSnapshot() {
        prepareAccount(upstream);
        upstream.always(PROFILE, page("lodestone-profile-redesigned.html"));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("layout");
                });
        assertThat(upstream.requests(COLLECT)).isEmpty();
    }

    @Test
    void aClassJobPageWithoutJobsIsABadResponse() {
        prepareAccount(upstream);
        upstream.always(CLASS_JOB, page("lodestone-profile.html"));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    // ---- handles ----

    @Test
    void aNameAndWorldResolveThroughTheSearchToTheExactCharacter() {
        upstream.always("/lodestone/character/", page("lodestone-search.html"));
        ResolvedHandle resolved = plugin.resolve("Lethys Lightpaw@Phoenix");
        assertThat(resolved).isEqualTo(new ResolvedHandle(ID, "Lethys Lightpaw@Phoenix", "Lethys Lightpaw@Phoenix"));
        assertThat(upstream.requests("/lodestone/character/")).singleElement().satisfies(r ->
                assertThat(r.query()).containsEntry("q", "Lethys Lightpaw").containsEntry("worldname", "Phoenix"));
    }

    @Test
    void aNameTheSearchDoesNotFindIsNotFound() {
        upstream.always("/lodestone/character/", page("lodestone-search-empty.html"));
        assertThatThrownBy(() -> plugin.resolve("Nobody Here@Phoenix"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void anIdResolvesToItsCharacterName() {
        upstream.always(PROFILE, page("lodestone-profile.html"));
        assertThat(plugin.resolve("https://jp.finalfantasyxiv.com/lodestone/character/8255311/"))
                .isEqualTo(new ResolvedHandle(ID, ID, "Lethys Lightpaw@Phoenix"));
    }

    @Test
    void anUnknownIdDoesNotResolve() {
        upstream.always("/lodestone/character/123/", Answer.html(404, fixture("lodestone-404.html")));
        assertThatThrownBy(() -> plugin.resolve("123"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    // ---- views ----

    @Test
    void theCharacterViewShowsTheLatestSnapshotAndNullsBeforeOne() {
        FfxivSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        ProfileView<FfxivSnapshot> character = plugin.views().getFirst();
        assertThat(character.name()).isEqualTo("character");
        FfxivCharacterView view = (FfxivCharacterView) character.read(Optional.of(s), name -> Optional.empty());
        assertThat(view.name()).isEqualTo("Lethys Lightpaw");
        assertThat(view.activeJob()).isEqualTo("Dancer");
        assertThat(view.mounts()).isEqualTo(40);
        assertThat(view.freeCompany()).isEqualTo("Dawn Reclamation");
        assertThat(json.valueToTree(character.read(Optional.empty(), name -> Optional.empty())).properties())
                .allSatisfy(field -> assertThat(field.getValue().isNull()).as(field.getKey()).isTrue());
    }
}
