package questlog.profiles.poe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import questlog.common.SecretBox;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;
import questlog.upstream.UpstreamResponse;

/**
 * Path of Exile's OAuth 2.1 for a confidential client: the authorization request with PKCE (S256),
 * the code exchange, and refreshing before expiry. Tokens leave this class sealed with the secret
 * box (purposes {@code poe.access_token}, {@code poe.refresh_token}), never in clear.
 */
final class PoeOAuth implements AutoCloseable {
    static final String SCOPES = "account:profile account:characters";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACCESS = "poe.access_token";
    private static final String REFRESH = "poe.refresh_token";
    private static final String VERIFIER = "poe.code_verifier";

    /** What the owner is sent to, and the verifier that must come back with the code. */
    record Authorization(String url, String state, String codeVerifier) {
        @Override
        public String toString() {
            return "Authorization[url=" + url + "]";
        }
    }

    private final PoeSettings settings;
    private final UpstreamClient auth;
    private final Clock clock;

    PoeOAuth(PoeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.auth = new UpstreamClient(UpstreamPolicy.of("Path of Exile sign-in", settings.authBaseUrl())
                .withUserAgent(settings.userAgent())
                .withMaxInFlight(1)
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMin().multipliedBy(8))
                .withTimeouts(settings.callTimeout(), Duration.ofSeconds(10))
                .withHeader("Accept", "application/json"));
    }

    /** A fresh authorization request: a random state, and a verifier whose S256 challenge goes in the URL. */
    Authorization authorization() {
        String state = random(24);
        String verifier = random(64);
        HttpUrl url = auth.url("oauth/authorize").newBuilder()
                .addQueryParameter("client_id", settings.clientId().orElseThrow())
                .addQueryParameter("response_type", "code")
                .addQueryParameter("scope", SCOPES)
                .addQueryParameter("state", state)
                .addQueryParameter("redirect_uri", settings.redirectUri())
                .addQueryParameter("code_challenge", challenge(verifier))
                .addQueryParameter("code_challenge_method", "S256")
                .build();
        return new Authorization(url.toString(), state, verifier);
    }

    /** The S256 challenge of a verifier: base64url(SHA-256(verifier)), without padding. */
    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Exchanges an authorization code (with its verifier) for sealed tokens; a code Path of Exile
     * refuses (invalid, expired, used, or another verifier's) is {@code REFUSED}.
     */
    PoeSnapshot.Tokens exchange(String code, String verifier) {
        return token(Reason.REFUSED, new FormBody.Builder()
                .add("client_id", settings.clientId().orElseThrow())
                .add("client_secret", settings.clientSecret().orElseThrow())
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", settings.redirectUri())
                .add("scope", SCOPES)
                .add("code_verifier", verifier).build());
    }

    /** Fresh tokens for a refresh token given in clear (the owner's first one). */
    PoeSnapshot.Tokens refresh(String refreshToken) {
        return token(Reason.UPSTREAM_DOWN, new FormBody.Builder()
                .add("client_id", settings.clientId().orElseThrow())
                .add("client_secret", settings.clientSecret().orElseThrow())
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken).build());
    }

    /** The tokens themselves when the access token lives longer than {@code refreshAhead}, else refreshed ones. */
    PoeSnapshot.Tokens current(PoeSnapshot.Tokens tokens) {
        if (tokens.accessExpiresAt().isAfter(clock.instant().plus(settings.refreshAhead()))) {
            return tokens;
        }
        return refresh(open(REFRESH, tokens.refreshToken()));
    }

    /** A PKCE verifier sealed to wait server-side for its callback. */
    String sealVerifier(String verifier) {
        return settings.secrets().orElseThrow().seal(VERIFIER, verifier);
    }

    /** A verifier sealed by {@link #sealVerifier}, in clear for the code exchange. */
    String openVerifier(String sealed) {
        return open(VERIFIER, sealed);
    }

    /** The access token in clear, for one request's header. */
    String accessToken(PoeSnapshot.Tokens tokens) {
        return open(ACCESS, tokens.accessToken());
    }

    @Override
    public void close() {
        auth.close();
    }

    /** The token endpoint's answer to a grant; {@code refused} is the reason of an OAuth error answer. */
    private PoeSnapshot.Tokens token(Reason refused, FormBody form) {
        UpstreamResponse response;
        try {
            response = auth.execute(auth.request("oauth/token").post(form).build(), (answer, rate) -> {
                if (answer.status() == 400 || answer.status() == 401) {
                    return; // an OAuth error body: read below
                }
                questlog.upstream.ResponseCheck.STANDARD.check(answer, rate);
            });
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Path of Exile's sign-in answered something other than JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Path of Exile's sign-in answered no token");
        }
        if (response.status() != 200) {
            String error = body.path("error").asText("error");
            throw new ProfileException(refused, "Path of Exile refused the authorization (" + error
                    + "): authorize Questlog again for the owner's account");
        }
        String access = body.path("access_token").asText("");
        String refresh = body.path("refresh_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (access.isEmpty() || refresh.isEmpty() || expiresIn <= 0) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Path of Exile's token answer lacks a token or its lifetime");
        }
        SecretBox box = settings.secrets().orElseThrow();
        Instant now = clock.instant();
        // Refresh tokens of a confidential client last 90 days.
        return new PoeSnapshot.Tokens(box.seal(ACCESS, access), box.seal(REFRESH, refresh),
                now.plusSeconds(expiresIn), now.plus(Duration.ofDays(90)));
    }

    private String open(String purpose, String sealed) {
        try {
            return settings.secrets().orElseThrow().open(purpose, sealed);
        } catch (SecretBox.CannotOpenException e) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "The stored Path of Exile tokens were sealed with "
                    + "another QUESTLOG_SECRET_KEY: set the old key in QUESTLOG_SECRET_KEY_PREVIOUS or authorize again");
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
