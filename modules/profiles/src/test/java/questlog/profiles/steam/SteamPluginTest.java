package questlog.profiles.steam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static questlog.profiles.steam.SteamFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import questlog.profiles.ExternalGame;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ProfilePluginContract;
import questlog.profiles.ProfileView;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;

/** The Steam plugin against a local server replaying Steam's answers: the shared contract, then Steam's own cases. */
class SteamPluginTest extends ProfilePluginContract<SteamSnapshot> {

    @Override
    protected ProfilePlugin<SteamSnapshot> plugin(String baseUrl) {
        return new SteamPlugin(Optional.of(new SteamClient(SteamSettings.defaults("TESTKEY0123456789")
                .withBaseUrl(baseUrl).withRequestInterval(Duration.ofMillis(1))
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(20)))));
    }

    @Override
    protected List<String> acceptedHandles() {
        return List.of(ID, "gabelogannewell", " GabeLoganNewell ", "https://steamcommunity.com/id/gabelogannewell/",
                "https://steamcommunity.com/profiles/76561197960287930");
    }

    @Override
    protected void prepareResolvable(ReplayingUpstream upstream) {
        upstream.always(VANITY, Answer.json(VANITY_FOUND)).always(SUMMARIES, Answer.json(PLAYER_IN_HADES));
    }

    @Override
    protected List<String> rejectedHandles() {
        return List.of("x", "gabe logan", "https://steamcommunity.com/profiles/gabelogannewell", "a/b",
                "https://example.com/id/gabelogannewell", "name_that_is_far_too_long_for_a_steam_url");
    }

    @Override
    protected String prepareAccount(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.json(PLAYER_IN_HADES))
                .always(OWNED, Answer.json(owned(2400, false)))
                .always(RECENT, Answer.json(recent(2400)))
                .always(ACHIEVEMENTS, Answer.json(hadesAchievements(1)))
                .always(SCHEMA, Answer.json(PORTAL_SCHEMA));
        return ID;
    }

    @Override
    protected void prepareLaterState(ReplayingUpstream upstream) {
        upstream.always(OWNED, Answer.json(owned(3120, true)))
                .always(RECENT, Answer.json(recent(3120)))
                .always(ACHIEVEMENTS, Answer.json(hadesAchievements(4)));
    }

    @Override
    protected String prepareUnknownPlayer(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.json(NO_PLAYERS));
        return "76561197960287931";
    }

    /** Steam's private profile: a 200 with an empty {@code response}. */
    @Override
    protected String preparePrivateProfile(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.json(PLAYER_OFFLINE)).always(OWNED, Answer.json(PRIVATE));
        return ID;
    }

    /** Steam's 429 carries no Retry-After. */
    @Override
    protected String prepareThrottled(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.html(429, ""));
        return ID;
    }

    @Override
    protected String prepareDown(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.html(500, HTML_500));
        return ID;
    }

    @Override
    protected String prepareMalformed(ReplayingUpstream upstream) {
        upstream.always(SUMMARIES, Answer.html(200, HTML_PAGE));
        return ID;
    }

    @Test
    void aSnapshotHasThePlayerTheGamesTheRecentOnesAndTheirAchievementsByName() {
        SteamSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(s.player().personaName()).isEqualTo("Rabscuttle");
        assertThat(s.player().currentGame()).isEqualTo("Hades");
        assertThat(s.player().currentGameId()).isEqualTo("1145360");
        assertThat(s.player().avatarUrl()).endsWith("_full.jpg");
        assertThat(s.games()).extracting(SteamSnapshot.Game::appId).containsExactly(620L, 730L, 1145360L);
        assertThat(s.games().get(1).lastPlayed()).as("never played").isNull();
        assertThat(s.recent()).extracting(SteamSnapshot.Recent::appId).containsExactly(1145360L, 620L);
        // Hades names its achievements itself; Portal 2's come from its schema.
        upstream.reset();
        prepareAccount(upstream);
        upstream.enqueue(ACHIEVEMENTS, Answer.json(hadesAchievements(1)), Answer.json(PORTAL_ACHIEVEMENTS));
        SteamSnapshot named = plugin.fetch(ID, FetchContext.first());
        assertThat(named.achievements()).extracting(SteamSnapshot.GameAchievements::gameName)
                .containsExactly("Portal 2", "Hades");
        assertThat(named.achievements().getFirst().unlocked()).containsExactly(new SteamSnapshot.Unlocked(
                "ACH.SURVIVE_CONTAINER_RIDE", "Wake Up Call", Instant.ofEpochSecond(1303330212)));
        assertThat(named.achievements().get(1).total()).isEqualTo(4);
        assertThat(upstream.requests(SCHEMA)).hasSize(1);
        assertThat(upstream.requests(SCHEMA).getFirst().query()).containsEntry("appid", "620");
        assertThat(upstream.requests(OWNED).getFirst().query()).containsEntry("include_appinfo", "true")
                .containsEntry("include_played_free_games", "true").containsEntry("steamid", ID);
    }

    @Test
    void achievementsAreFetchedAgainOnlyForGamesPlayedSinceAndOthersAreCarriedOver() {
        SteamSnapshot first = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        int before = upstream.requests(ACHIEVEMENTS).size();
        SteamSnapshot same = plugin.fetch(ID, FetchContext.of(Optional.of(first)));
        assertThat(upstream.requests(ACHIEVEMENTS)).hasSize(before);
        assertThat(same.achievements()).isEqualTo(first.achievements());
        prepareLaterState(upstream);
        SteamSnapshot later = plugin.fetch(ID, FetchContext.of(Optional.of(same)));
        assertThat(upstream.requests(ACHIEVEMENTS)).hasSize(before + 1);
        assertThat(upstream.requests(ACHIEVEMENTS).getLast().query()).containsEntry("appid", "1145360");
        assertThat(later.achievements().stream().filter(a -> a.appId() == 1145360L).findFirst().orElseThrow()
                .unlocked()).hasSize(4);
    }

    @Test
    void changesSayHowLongWasPlayedAndWhatWasUnlocked() {
        SteamSnapshot before = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        prepareLaterState(upstream);
        SteamSnapshot after = plugin.fetch(ID, FetchContext.of(Optional.of(before)));
        assertThat(plugin.changes(before, after)).extracting(ProfileChange::summary).containsExactly(
                "12 h played since the last sync (Hades 12 h)",
                "3 new achievements in Hades",
                "New game: TUNIC");
        ProfileChange unlocked = plugin.changes(before, after).get(1);
        assertThat(unlocked.details()).containsEntry("achievements",
                List.of("Escaped Asphodel", "Escaped Elysium", "Is There No Escape?"));
        assertThat(SteamChanges.duration(45)).isEqualTo("45 min");
        assertThat(SteamChanges.duration(90)).isEqualTo("1.5 h");
    }

    @Test
    void theOnlineStateIsLatestDataButNotHistory() {
        SteamSnapshot inGame = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        upstream.always(SUMMARIES, Answer.json(PLAYER_OFFLINE));
        SteamSnapshot offline = plugin.fetch(ID, FetchContext.of(Optional.of(inGame)));
        assertThat(offline.player().currentGame()).isNull();
        assertThat(plugin.changes(inGame, offline)).isEmpty();
        assertThat(plugin.lasting(offline)).isEqualTo(plugin.lasting(inGame));
    }

    @Test
    void aProfileThatIsNotVisibleOrHidesItsAchievementsIsPrivate() {
        prepareAccount(upstream);
        upstream.always(SUMMARIES, Answer.json(player(1, 0, null, null)));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first())).isInstanceOfSatisfying(ProfileException.class,
                e -> assertThat(e.reason()).isEqualTo(ProfileException.Reason.PRIVATE));
        assertThat(upstream.requests(OWNED)).isEmpty();
        upstream.always(SUMMARIES, Answer.json(PLAYER_IN_HADES))
                .always(ACHIEVEMENTS, Answer.json(403, ACHIEVEMENTS_PRIVATE));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first())).isInstanceOfSatisfying(ProfileException.class,
                e -> assertThat(e.reason()).isEqualTo(ProfileException.Reason.PRIVATE));
    }

    @Test
    void aVanityNameThatDoesNotResolveIsNotFound() {
        upstream.always(VANITY, Answer.json(VANITY_NO_MATCH));
        assertThatThrownBy(() -> plugin.resolve("nobody-has-this")).isInstanceOfSatisfying(ProfileException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(ProfileException.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nobody-has-this");
                });
    }

    @Test
    void steamsOccasional500IsRetriedAndARefusedKeyIsUpstreamDown() {
        prepareAccount(upstream);
        upstream.enqueue(SUMMARIES, Answer.html(500, HTML_500));
        assertThat(plugin.fetch(ID, FetchContext.first()).player().personaName()).isEqualTo("Rabscuttle");
        upstream.always(SUMMARIES, Answer.html(403, "<html><head><title>Forbidden</title></head><body><h1>Forbidden"
                + "</h1>Access is denied. Retrying will not help. Please verify your <pre>key=</pre> parameter."
                + "</body></html>"));
        assertThatThrownBy(() -> plugin.fetch(ID, FetchContext.first())).isInstanceOfSatisfying(ProfileException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(ProfileException.Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("STEAM_API_KEY").doesNotContain("TESTKEY");
                });
    }

    @Test
    void withoutAKeyTheViewsAnswerAndUpstreamCallsAreAClear503() {
        SteamPlugin unconfigured = new SteamPlugin(Optional.empty());
        assertThatThrownBy(() -> unconfigured.resolve(ID)).isInstanceOfSatisfying(ProfileException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProfileException.Reason.UPSTREAM_DOWN);
            assertThat(e.getMessage()).contains("STEAM_API_KEY");
        });
        ProfileView<SteamSnapshot> player = unconfigured.views().getFirst();
        JsonNode defaults = json.valueToTree(player.read(Optional.empty(), name -> Optional.empty()));
        assertThat(defaults.toString()).isEqualTo(
                "{\"personaName\":\"\",\"personaState\":0,\"currentGame\":null,\"currentGameId\":null,\"avatarUrl\":\"\"}");
    }

    @Test
    void anAccountCoversItsOwnedGamesAndShowsEachOneItsPart() {
        SteamSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(plugin.games(s)).contains(new ExternalGame("steam", "620"), new ExternalGame("steam", "1145360"));
        SteamPlugin.GamePart hades = (SteamPlugin.GamePart) plugin.gameData(s, List.of(
                new ExternalGame("igdb", "113112"), new ExternalGame("steam", "1145360")));
        assertThat(hades.playtimeMinutes()).isEqualTo(2400);
        assertThat(hades.achievementsTotal()).isEqualTo(4);
        assertThat(hades.achievementsUnlocked()).hasSize(1);
        assertThat(plugin.gameData(s, List.of(new ExternalGame("steam", "999")))).isNull();
        assertThat(plugin.accountWide()).isTrue();
    }
}
