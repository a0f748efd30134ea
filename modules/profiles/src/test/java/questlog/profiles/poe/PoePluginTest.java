package questlog.profiles.poe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static questlog.profiles.poe.PoeFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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

/** The Path of Exile plugin against a local server replaying its OAuth and API answers, rate-limit headers included. */
class PoePluginTest extends ProfilePluginContract<PoeSnapshot> {
    private PoePlugin built;

    @Override
    protected ProfilePlugin<PoeSnapshot> plugin(String baseUrl) {
        built = PoeFixtures.plugin(baseUrl);
        return built;
    }

    @AfterEach
    void closePlugin() {
        built.close();
    }

    @Override
    protected List<String> acceptedHandles() {
        return List.of(ACCOUNT, " Some_Exile#0001 ");
    }

    @Override
    protected void prepareResolvable(ReplayingUpstream upstream) {
        // Path of Exile has no lookup by name without the owner's token: handles resolve by form.
    }

    @Override
    protected List<String> rejectedHandles() {
        return List.of("", "Exile", "Exile#12", "Exile#12345", "Ex#1234", "Exile 1#1234", "x".repeat(40) + "#1234");
    }

    @Override
    protected String prepareAccount(ReplayingUpstream upstream) {
        account(upstream);
        return ACCOUNT;
    }

    @Override
    protected void prepareLaterState(ReplayingUpstream upstream) {
        upstream.always("/character", limited(Answer.json(CHARACTERS_LATER)));
    }

    @Override
    protected String prepareUnknownPlayer(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always("/profile", limited(Answer.json(404, "{\"error\":{\"code\":1,\"message\":\"Resource not found\"}}")));
        return ACCOUNT;
    }

    @Override
    protected String preparePrivateProfile(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always("/character", limited(Answer.json(403, "{\"error\":{\"code\":6,\"message\":\"Forbidden\"}}")));
        return ACCOUNT;
    }

    @Override
    protected String prepareThrottled(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always("/character", Answer.json(429, "{\"error\":{\"code\":3,\"message\":\"Rate limit exceeded\"}}")
                .withHeader("Retry-After", "1"));
        return ACCOUNT;
    }

    @Override
    protected String prepareDown(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always("/profile", Answer.json(503, "{\"error\":{\"code\":7,\"message\":\"Temporarily Unavailable\"}}"));
        return ACCOUNT;
    }

    @Override
    protected String prepareMalformed(ReplayingUpstream upstream) {
        account(upstream);
        upstream.always("/character", Answer.html(200, "<!DOCTYPE html><html><head><title>Path of Exile</title></head>"
                + "<body><h1>Down for maintenance</h1></body></html>"));
        return ACCOUNT;
    }

    @Test
    void charactersWithClassAscendancyLevelAndLeague() {
        PoeSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(s.accountName()).isEqualTo(ACCOUNT);
        assertThat(s.characters()).extracting(c -> c.name() + " " + c.characterClass() + "/" + c.ascendancy() + " "
                + c.level() + " " + c.league()).containsExactly("BoneSpeaker Witch/Necromancer 91 Settlers",
                "LeagueStartMarauder Marauder/null 12 Settlers", "OldDeadeye Ranger/Deadeye 94 null");
        assertThat(s.characters().get(2).expired()).isTrue();
    }

    @Test
    void tokensAreStoredSealedNeverInClear() throws Exception {
        PoeSnapshot s = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        String stored = json.writeValueAsString(s);
        assertThat(stored).doesNotContain(ACCESS, REFRESHED, OWNER_REFRESH);
        assertThat(s.tokens().accessToken()).startsWith("v1:");
        assertThat(BOX.open("poe.access_token", s.tokens().accessToken())).isEqualTo(ACCESS);
        assertThat(BOX.open("poe.refresh_token", s.tokens().refreshToken())).isEqualTo(REFRESHED);
        assertThat(s.tokens().accessExpiresAt()).isEqualTo(NOW.plusSeconds(2419200));
        assertThat(upstream.requests("/oauth/token")).hasSize(1);
    }

    @Test
    void aTokenThatLivesLongEnoughIsUsedAsItIs() {
        PoeSnapshot first = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(first)));
        assertThat(upstream.requests("/oauth/token")).hasSize(1);
    }

    @Test
    void aTokenIsRefreshedBeforeItExpires() {
        PoeSnapshot first = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        PoeSnapshot.Tokens almostExpired = new PoeSnapshot.Tokens(first.tokens().accessToken(),
                first.tokens().refreshToken(), NOW.plus(Duration.ofHours(3)), first.tokens().refreshExpiresAt());
        upstream.always("/oauth/token", Answer.json(TOKEN.formatted("new-access-token-value", "new-refresh-token")));
        PoeSnapshot second = plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(
                new PoeSnapshot(first.accountName(), first.characters(), almostExpired))));
        assertThat(upstream.requests("/oauth/token")).hasSize(2);
        assertThat(BOX.open("poe.refresh_token", second.tokens().refreshToken())).isEqualTo("new-refresh-token");
        assertThat(BOX.open("poe.access_token", second.tokens().accessToken())).isEqualTo("new-access-token-value");
    }

    @Test
    void anAuthorizationCodeWithItsVerifierIsExchangedOnTheFirstSync() {
        prepareAccount(upstream);
        JsonNode settings = json.createObjectNode().put("authorization_code", "code-from-redirect")
                .put("code_verifier", "M25iVXpKU3puUjFaYWg3T1NDTDQ2RmY0TG5YVGxJMnJkX2R0aUxzS0w");
        PoeSnapshot s = plugin.fetch(ACCOUNT, new FetchContext<>() {
            @Override
            public Optional<PoeSnapshot> previous() {
                return Optional.empty();
            }

            @Override
            public JsonNode settings() {
                return settings;
            }

            @Override
            public void checkStop() {
            }
        });
        assertThat(s.characters()).hasSize(3);
        assertThat(upstream.requests("/oauth/token")).hasSize(1);
    }

    @Test
    void theAuthorizationRequestUsesPkceS256() {
        PoeOAuth oauth = new PoeOAuth(settings(upstream.baseUrl()), java.time.Clock.systemUTC());
        PoeOAuth.Authorization a = oauth.authorization();
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(a.url());
        assertThat(url.encodedPath()).isEqualTo("/oauth/authorize");
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(url.queryParameter("code_challenge")).isEqualTo(PoeOAuth.challenge(a.codeVerifier()));
        assertThat(url.queryParameter("state")).isEqualTo(a.state());
        assertThat(url.queryParameter("scope")).isEqualTo("account:profile account:characters");
        assertThat(a.codeVerifier()).matches("[A-Za-z0-9_-]{43,128}");
        // Checked against Python's hashlib for the same verifier.
        assertThat(PoeOAuth.challenge("M25iVXpKU3puUjFaYWg3T1NDTDQ2RmY0TG5YVGxJMnJkX2R0aUxzS0w"))
                .isEqualTo("i0K4M5d-7jkEzLjQxQt-sV9KAAR1wTpTk7iOjAtRiE4");
        oauth.close();
    }

    @Test
    void aRefusedRefreshTokenAsksForANewAuthorization() {
        prepareAccount(upstream);
        upstream.always("/oauth/token", Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":"
                + "\"The refresh token is invalid.\"}"));
        assertThatThrownBy(() -> plugin.fetch(ACCOUNT, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                    assertThat(e.getMessage()).contains("invalid_grant").contains("authorize");
                });
    }

    @Test
    void anAuthorizationOfAnotherAccountIsRefused() {
        prepareAccount(upstream);
        assertThatThrownBy(() -> plugin.fetch("Someone#9999", FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PRIVATE));
    }

    @Test
    void levelUpsNewCharactersLeagueMovesAndAscensionsAreChanges() {
        PoeSnapshot before = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        prepareLaterState(upstream);
        PoeSnapshot after = plugin.fetch(ACCOUNT, FetchContext.of(Optional.of(before)));
        assertThat(plugin.changes(before, after)).extracting(ProfileChange::summary).containsExactly(
                "BoneSpeaker (Necromancer) reached level 92", "LeagueStartMarauder (Juggernaut) reached level 40",
                "LeagueStartMarauder moved to Standard", "LeagueStartMarauder ascended: Juggernaut",
                "new character FreshWitch (Witch, Settlers)");
    }

    @Test
    void theAnnouncedRulesSetTheSpacing() {
        plugin.fetch(prepareAccount(upstream), FetchContext.first());
        // 45 in 60 s is the strictest window: 1,334 ms between starts, plus a tenth as margin.
        assertThat(built.limits().spacing(RATE_HEADERS_POLICY)).isEqualTo(Duration.ofMillis(1334 + 333));
        assertThat(PoeRateLimits.windows("5:10:60,30:300:300")).containsExactly(
                new PoeRateLimits.Window(5, 10, 60), new PoeRateLimits.Window(30, 300, 300));
        assertThat(PoeRateLimits.windows("garbage,5:x:1")).isEmpty();
    }
}
