package questlog.profiles.steam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import questlog.testsupport.FakeSteam;

/** The Steam client against a local server replaying Steam's answers, the awkward ones included. */
class SteamClientTest {
    static final String GABE = "76561197960287930";
    static final String HIDDEN = "76561198000000001";

    FakeSteam steam;
    SteamClient client;

    @BeforeEach
    void start() {
        steam = FakeSteam.start();
        steam.account(GABE, "Rabscuttle").vanity("gabelogannewell")
                .game(new FakeSteam.Game(620, "Portal 2", 1380, 95, 1754950000L))
                .game(730, "Counter-Strike 2", 0, 0)
                .achievements(620, List.of(
                        new FakeSteam.Achievement("ACH.SURVIVE_CONTAINER_RIDE", "Wake Up Call", "Survive the manual override", 1303330212L),
                        new FakeSteam.Achievement("ACH.WAKE_UP", "You Monster", "Reunite with GLaDOS", 0)))
                .achievements(730, List.of());
        steam.account(HIDDEN, "Shy").privateProfile(true).game(620, "Portal 2", 10, 1754950000L);
        steam.schema(620, "Portal 2", List.of(
                new String[] {"ACH.SURVIVE_CONTAINER_RIDE", "Wake Up Call", "Survive the manual override"},
                new String[] {"ACH.WAKE_UP", "You Monster", null}));
        client = new SteamClient(settings(FakeSteam.API_KEY));
    }

    SteamSettings settings(String key) {
        return SteamSettings.defaults(key).withBaseUrl(steam.baseUrl()).withRequestInterval(Duration.ofMillis(1))
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50)).withCallTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        steam.close();
    }

    @Test
    void resolvesAVanityName() {
        assertThat(client.resolveVanityUrl("gabelogannewell")).isEqualTo(GABE);
        assertThat(steam.requests().getFirst().query()).containsEntry("key", FakeSteam.API_KEY)
                .containsEntry("vanityurl", "gabelogannewell");
    }

    @Test
    void aVanityNameThatMatchesNoProfileIsNotFound() {
        assertThatThrownBy(() -> client.resolveVanityUrl("nobody-here"))
                .isInstanceOf(SteamException.NotFound.class).hasMessageContaining("nobody-here");
    }

    @Test
    void readsAPlayerSummary() {
        SteamPlayer player = client.playerSummary(GABE);
        assertThat(player.steamId()).isEqualTo(GABE);
        assertThat(player.personaName()).isEqualTo("Rabscuttle");
        assertThat(player.isPublic()).isTrue();
        assertThat(player.profileUrl()).isEqualTo("https://steamcommunity.com/id/gabelogannewell/");
        assertThat(player.timeCreated()).isEqualTo(Instant.ofEpochSecond(1063407589L));
        assertThat(player.countryCode()).isEqualTo("US");
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThatThrownBy(() -> client.playerSummary("76561190000000000"))
                .isInstanceOf(SteamException.NotFound.class).hasMessageContaining("76561190000000000");
    }

    @Test
    void aPrivateProfileShowsOnlyItsPublicFields() {
        SteamPlayer player = client.playerSummary(HIDDEN);
        assertThat(player.isPublic()).isFalse();
        assertThat(player.realName()).isNull();
        assertThat(player.timeCreated()).isNull();
    }

    @Test
    void summariesGoOutAHundredIdsPerCall() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(String.valueOf(76561198100000000L + i));
        }
        ids.add(GABE);
        assertThat(client.playerSummaries(ids)).extracting(SteamPlayer::steamId).containsExactly(GABE);
        assertThat(steam.requestCount("/ISteamUser/GetPlayerSummaries")).isEqualTo(3);
    }

    @Test
    void readsOwnedGamesWithAppInfoAndPlayedFreeGames() {
        OwnedGames owned = client.ownedGames(GABE);
        assertThat(owned.gameCount()).isEqualTo(2);
        OwnedGame portal = owned.games().getFirst();
        assertThat(portal.appId()).isEqualTo(620);
        assertThat(portal.name()).isEqualTo("Portal 2");
        assertThat(portal.playtimeForever()).isEqualTo(1380);
        assertThat(portal.playtime2Weeks()).isEqualTo(95);
        assertThat(portal.lastPlayed()).isEqualTo(Instant.ofEpochSecond(1754950000L));
        assertThat(portal.iconUrl()).startsWith("https://media.steampowered.com/steamcommunity/public/images/apps/620/");
        OwnedGame cs = owned.games().get(1);
        assertThat(cs.played()).isFalse();
        assertThat(cs.playtime2Weeks()).isZero();
        assertThat(cs.lastPlayed()).isNull();
        assertThat(steam.requests().getFirst().query()).containsEntry("include_appinfo", "true")
                .containsEntry("include_played_free_games", "true").containsEntry("steamid", GABE);
    }

    @Test
    void aPrivateProfilesEmptyResponseIsPrivateNotAnEmptyLibrary() {
        assertThatThrownBy(() -> client.ownedGames(HIDDEN)).isInstanceOf(SteamException.PrivateProfile.class)
                .hasMessageContaining(HIDDEN);
        assertThatThrownBy(() -> client.recentlyPlayed(HIDDEN, null)).isInstanceOf(SteamException.PrivateProfile.class);
        assertThatThrownBy(() -> client.playerAchievements(HIDDEN, 620))
                .isInstanceOf(SteamException.PrivateProfile.class);
    }

    @Test
    void readsRecentlyPlayedGames() {
        RecentlyPlayed recent = client.recentlyPlayed(GABE, 5);
        assertThat(recent.totalCount()).isEqualTo(1);
        assertThat(recent.games()).extracting(OwnedGame::appId).containsExactly(620L);
        assertThat(recent.games().getFirst().playtime2Weeks()).isEqualTo(95);
        assertThat(steam.requests().getFirst().query()).containsEntry("count", "5");
    }

    @Test
    void readsAchievementsWithNamesAndUnlockTimes() {
        PlayerAchievements achievements = client.playerAchievements(GABE, 620);
        assertThat(achievements.hasStats()).isTrue();
        assertThat(achievements.gameName()).isEqualTo("Portal 2");
        assertThat(achievements.achievements()).hasSize(2);
        assertThat(achievements.achievements().getFirst())
                .isEqualTo(new PlayerAchievements.Achievement("ACH.SURVIVE_CONTAINER_RIDE", true,
                        Instant.ofEpochSecond(1303330212L), "Wake Up Call", "Survive the manual override"));
        assertThat(achievements.achievements().get(1).achieved()).isFalse();
        assertThat(achievements.achievements().get(1).unlockedAt()).isNull();
        assertThat(achievements.unlockedCount()).isEqualTo(1);
    }

    @Test
    void aGameWithoutStatsOrWithoutAchievementsHasAnEmptyList() {
        PlayerAchievements none = client.playerAchievements(GABE, 999999);
        assertThat(none.hasStats()).isFalse();
        assertThat(none.achievements()).isEmpty();
        PlayerAchievements cs = client.playerAchievements(GABE, 730);
        assertThat(cs.hasStats()).isTrue();
        assertThat(cs.achievements()).isEmpty();
    }

    @Test
    void readsAGameSchemaAndAnAppWithoutOne() {
        GameSchema schema = client.schemaForGame(620);
        assertThat(schema.gameName()).isEqualTo("Portal 2");
        assertThat(schema.achievements()).extracting(GameSchema.SchemaAchievement::apiName)
                .containsExactly("ACH.SURVIVE_CONTAINER_RIDE", "ACH.WAKE_UP");
        assertThat(schema.achievements().get(1).hidden()).isTrue();
        assertThat(schema.achievements().get(1).description()).isNull();
        GameSchema none = client.schemaForGame(12345);
        assertThat(none.gameName()).isNull();
        assertThat(none.achievements()).isEmpty();
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        steam.enqueueFault(FakeSteam.Fault.tooManyRequests(1));
        long started = System.nanoTime();
        assertThat(client.ownedGames(GABE).gameCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(steam.requests()).extracting(FakeSteam.Recorded::status).containsExactly(429, 200);
        assertThat(client.stats().retries()).isEqualTo(1);
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsRateLimitedWithItsRetryAfter() {
        for (int i = 0; i < 3; i++) {
            steam.enqueueFault(FakeSteam.Fault.tooManyRequests(0));
        }
        steam.enqueueFault(FakeSteam.Fault.tooManyRequests(7));
        SteamClient once = new SteamClient(settings(FakeSteam.API_KEY).withRetries(1, Duration.ofMillis(10),
                Duration.ofMillis(10)));
        try (once) {
            assertThatThrownBy(() -> client.ownedGames(GABE)).isInstanceOf(SteamException.RateLimited.class);
            assertThatThrownBy(() -> once.ownedGames(GABE)).isInstanceOf(SteamException.RateLimited.class)
                    .satisfies(e -> assertThat(((SteamException.RateLimited) e).retryAfter())
                            .contains(Duration.ofSeconds(7)));
        }
    }

    @Test
    void anOccasional500IsRetried() {
        steam.enqueueFault(FakeSteam.Fault.serverError());
        assertThat(client.playerSummary(GABE).personaName()).isEqualTo("Rabscuttle");
        assertThat(steam.requests()).extracting(FakeSteam.Recorded::status).containsExactly(500, 200);
    }

    @Test
    void fiveHundredsThroughEveryRetryAreUpstreamDown() {
        for (int i = 0; i < 3; i++) {
            steam.enqueueFault(FakeSteam.Fault.serverError());
        }
        assertThatThrownBy(() -> client.ownedGames(GABE)).isInstanceOf(SteamException.UpstreamDown.class)
                .hasMessageContaining("500").hasMessageNotContaining("<html");
    }

    @Test
    void htmlWhereJsonBelongsIsABadResponse() {
        steam.enqueueFault(FakeSteam.Fault.htmlInsteadOfJson());
        assertThatThrownBy(() -> client.ownedGames(GABE)).isInstanceOf(SteamException.BadResponse.class)
                .hasMessageContaining("HTML").hasMessageNotContaining("<html");
        steam.enqueueFault(FakeSteam.Fault.truncatedJson());
        assertThatThrownBy(() -> client.ownedGames(GABE)).isInstanceOf(SteamException.BadResponse.class);
    }

    @Test
    void aRefusedKeyIsBadCredentialsWithoutShowingTheKey() {
        try (SteamClient wrong = new SteamClient(settings("WRONGKEY0000000000000000000000000"))) {
            assertThatThrownBy(() -> wrong.ownedGames(GABE)).isInstanceOf(SteamException.BadCredentials.class)
                    .hasMessageContaining("STEAM_API_KEY").hasMessageNotContaining("WRONGKEY");
        }
        assertThat(steam.requests()).hasSize(1);
        assertThat(client.toString()).doesNotContain(FakeSteam.API_KEY);
        assertThat(settings(FakeSteam.API_KEY).toString()).doesNotContain(FakeSteam.API_KEY);
    }

    @Test
    void handlesAreCheckedBeforeAnyCall() {
        assertThat(SteamIds.isSteamId(GABE)).isTrue();
        assertThat(SteamIds.isSteamId("7656119796028793")).isFalse();
        assertThat(SteamIds.isSteamId("12345678901234567")).isFalse();
        assertThat(SteamIds.isVanityName("gabelogannewell")).isTrue();
        assertThat(SteamIds.isVanityName("a")).isFalse();
        assertThat(SteamIds.isVanityName("https://steamcommunity.com/id/x")).isFalse();
    }
}
