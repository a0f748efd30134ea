package questlog.profiles.poe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static questlog.profiles.poe.PoeFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import questlog.common.Json;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileAuthorization;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;

/**
 * Path of Exile's side of the core's authorization routes, against a local server replaying its
 * token endpoint and API: the authorize URL with an S256 challenge, the verifier kept sealed, the
 * code exchanged with it, the sealed tokens the next sync takes, and the token endpoint's refusals.
 */
class PoeAuthorizationTest {
    ReplayingUpstream upstream;
    PoePlugin plugin;

    @BeforeEach
    void start() {
        upstream = ReplayingUpstream.start();
        plugin = PoeFixtures.plugin(upstream.baseUrl());
        account(upstream);
    }

    @AfterEach
    void stop() {
        plugin.close();
        upstream.close();
    }

    ProfileAuthorization authorization() {
        return plugin.authorization().orElseThrow();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    static FetchContext<PoeSnapshot> context(Optional<PoeSnapshot> previous, JsonNode settings) {
        return new FetchContext<>() {
            @Override
            public Optional<PoeSnapshot> previous() {
                return previous;
            }

            @Override
            public JsonNode settings() {
                return settings;
            }

            @Override
            public void checkStop() {
            }
        };
    }

    @Test
    void theStartIsAnAuthorizeUrlWithAnS256ChallengeAndTheVerifierSealed() {
        ProfileAuthorization.Request request = authorization().start(ACCOUNT);
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(request.url());
        assertThat(url.toString()).startsWith(upstream.baseUrl() + "oauth/authorize?");
        assertThat(url.queryParameter("client_id")).isEqualTo("questlog-test");
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("redirect_uri")).isEqualTo("https://journal.example.org/oauth/poe");
        assertThat(url.queryParameter("state")).isEqualTo(request.state()).matches("[A-Za-z0-9_-]{32}");
        String sealed = request.pending().path("code_verifier").asText();
        assertThat(sealed).startsWith("v1:");
        String verifier = BOX.open("poe.code_verifier", sealed);
        assertThat(url.queryParameter("code_challenge")).isEqualTo(PoeOAuth.challenge(verifier));
        assertThat(request.pending().toString()).doesNotContain(verifier);
        assertThat(authorization().start(ACCOUNT).state()).isNotEqualTo(request.state());
        assertThat(upstream.requests()).as("the start calls nothing").isEmpty();
    }

    @Test
    void theCallbackExchangesTheCodeWithItsVerifierAndTheNextSyncTakesTheSealedTokens() {
        ProfileAuthorization.Request request = authorization().start(ACCOUNT);
        String verifier = BOX.open("poe.code_verifier", request.pending().path("code_verifier").asText());
        ObjectNode members = authorization().complete(ACCOUNT, "code-from-redirect", request.pending());

        assertThat(upstream.requests("/oauth/token")).singleElement().satisfies(r -> assertThat(form(r.body()))
                .containsEntry("grant_type", "authorization_code").containsEntry("code", "code-from-redirect")
                .containsEntry("code_verifier", verifier).containsEntry("client_id", "questlog-test")
                .containsEntry("redirect_uri", "https://journal.example.org/oauth/poe"));
        assertThat(members.toString()).doesNotContain(ACCESS, REFRESHED);
        PoeSnapshot.Tokens tokens = PoeAuthorization.fromSettings(members).orElseThrow();
        assertThat(BOX.open("poe.access_token", tokens.accessToken())).isEqualTo(ACCESS);
        assertThat(BOX.open("poe.refresh_token", tokens.refreshToken())).isEqualTo(REFRESHED);

        // The settings as the core stores them: the owner's own members kept, the tokens added.
        ObjectNode settings = Json.objectMapper().createObjectNode().put("note", "main account");
        settings.setAll(members);
        PoeSnapshot first = plugin.fetch(ACCOUNT, context(Optional.empty(), settings));
        assertThat(first.characters()).hasSize(3);
        assertThat(upstream.requests("/oauth/token")).as("fresh tokens are not exchanged again").hasSize(1);
        assertThat(first.tokens()).isEqualTo(tokens);
    }

    @Test
    void aNewAuthorizationReplacesTheTokensOfTheLastSync() {
        PoeSnapshot synced = plugin.fetch(ACCOUNT, FetchContext.first()); // through POE_REFRESH_TOKEN
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC);
        try (PoePlugin reauthorized = new PoePlugin(settings(upstream.baseUrl()), later)) {
            upstream.always("/oauth/token", Answer.json(TOKEN.formatted("second-access-token", "second-refresh")));
            var auth = reauthorized.authorization().orElseThrow();
            ObjectNode members = auth.complete(ACCOUNT, "second-code", auth.start(ACCOUNT).pending());
            PoeSnapshot next = reauthorized.fetch(ACCOUNT, context(Optional.of(synced), members));
            assertThat(BOX.open("poe.access_token", next.tokens().accessToken())).isEqualTo("second-access-token");
            // And the other way round: the last sync's tokens win over an older authorization.
            PoeSnapshot after = reauthorized.fetch(ACCOUNT, context(Optional.of(next),
                    Json.objectMapper().createObjectNode().set("tokens", Json.objectMapper().valueToTree(synced.tokens()))));
            assertThat(after.tokens()).isEqualTo(next.tokens());
        }
    }

    @Test
    void aCodeThatPathOfExileRefusesIsRefusedAndAnHtmlAnswerIsABadResponse() {
        ProfileAuthorization.Request request = authorization().start(ACCOUNT);
        upstream.always("/oauth/token", Answer.json(400, "{\"error\": \"invalid_grant\", \"error_description\": "
                + "\"The authorization code is invalid or has expired.\"}"));
        assertThatThrownBy(() -> authorization().complete(ACCOUNT, "used-code", request.pending()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.getMessage()).contains("invalid_grant");
                });
        upstream.always("/oauth/token", Answer.html(200, "<!DOCTYPE html><html><body>Path of Exile</body></html>"));
        assertThatThrownBy(() -> authorization().complete(ACCOUNT, "code", request.pending()))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void withoutAClientOrARedirectUriThereIsNothingToStart() {
        PoeSettings full = settings(upstream.baseUrl());
        PoeSettings noClient = new PoeSettings(Optional.empty(), full.clientSecret(), full.secrets(), full.baseUrl(),
                full.authBaseUrl(), full.redirectUri(), full.contact(), full.requestInterval(), full.maxAttempts(),
                full.backoffMin(), full.callTimeout(), full.refreshAhead(), Optional.empty());
        PoeSettings noRedirect = new PoeSettings(full.clientId(), full.clientSecret(), full.secrets(), full.baseUrl(),
                full.authBaseUrl(), "", full.contact(), full.requestInterval(), full.maxAttempts(),
                full.backoffMin(), full.callTimeout(), full.refreshAhead(), Optional.empty());
        for (PoeSettings settings : java.util.List.of(noClient, noRedirect)) {
            try (PoePlugin unusable = new PoePlugin(settings, Clock.systemUTC())) {
                assertThatThrownBy(() -> unusable.authorization().orElseThrow().start(ACCOUNT))
                        .isInstanceOfSatisfying(ProfileException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UPSTREAM_DOWN);
                            assertThat(e.getMessage()).containsAnyOf("POE_CLIENT_ID", "POE_REDIRECT_URI");
                        });
            }
        }
        assertThat(upstream.requests()).isEmpty();
    }
}
