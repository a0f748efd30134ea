package questlog.profiles.poe;

import questlog.profiles.EnvValues;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import questlog.common.SecretBox;

/**
 * How the Path of Exile plugin reaches the official API and its authorization server. Path of
 * Exile registers applications by hand, requires a {@code User-Agent} of the form
 * {@code OAuth {clientId}/{version} (contact: {email})}, and announces its limits in every answer;
 * until the first answer told them, requests start at most once every {@code requestInterval}
 * (5 s), one at a time.
 *
 * @param clientId     {@code POE_CLIENT_ID}; without it (or the secret, or a secret box) the plugin cannot sync
 * @param clientSecret {@code POE_CLIENT_SECRET} (a confidential client: 28-day access, 90-day refresh tokens)
 * @param secrets      the box of {@code QUESTLOG_SECRET_KEY}, which seals the stored tokens
 * @param baseUrl      {@code https://api.pathofexile.com/} ({@code POE_BASE_URL})
 * @param authBaseUrl  {@code https://www.pathofexile.com/} ({@code POE_AUTH_BASE_URL}): {@code oauth/authorize}, {@code oauth/token}
 * @param redirectUri  {@code POE_REDIRECT_URI}, as registered
 * @param contact      {@code POE_CONTACT}, the e-mail address the User-Agent names
 * @param refreshAhead a token is refreshed when it expires within this
 * @param ownerRefreshToken {@code POE_REFRESH_TOKEN}: the owner's refresh token from an authorization
 *        made outside Questlog, used by the first sync only (later ones use the sealed, rotated tokens)
 */
public record PoeSettings(Optional<String> clientId, Optional<String> clientSecret, Optional<SecretBox> secrets,
                          String baseUrl, String authBaseUrl, String redirectUri, String contact,
                          Duration requestInterval, int maxAttempts, Duration backoffMin, Duration callTimeout,
                          Duration refreshAhead, Optional<String> ownerRefreshToken) {

    public static final String DEFAULT_BASE_URL = "https://api.pathofexile.com/";
    public static final String DEFAULT_AUTH_BASE_URL = "https://www.pathofexile.com/";
    static final String VERSION = "0.1";

    public PoeSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(ownerRefreshToken, "ownerRefreshToken");
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        authBaseUrl = authBaseUrl.endsWith("/") ? authBaseUrl : authBaseUrl + "/";
    }

    /**
     * From {@code POE_CLIENT_ID}, {@code POE_CLIENT_SECRET}, {@code POE_BASE_URL}, {@code POE_AUTH_BASE_URL}, {@code POE_REDIRECT_URI} and {@code POE_CONTACT}.
     *
     * @throws IllegalArgumentException naming the variable that is not valid
     */
    public static PoeSettings fromEnvironment(Function<String, String> env, Optional<SecretBox> box) {
        return new PoeSettings(Optional.ofNullable(EnvValues.secret(env, "POE_CLIENT_ID")),
                Optional.ofNullable(EnvValues.secret(env, "POE_CLIENT_SECRET")), box,
                EnvValues.url(env, "POE_BASE_URL", DEFAULT_BASE_URL),
                EnvValues.url(env, "POE_AUTH_BASE_URL", DEFAULT_AUTH_BASE_URL),
                Optional.ofNullable(EnvValues.secret(env, "POE_REDIRECT_URI")).orElse(""),
                Optional.ofNullable(EnvValues.secret(env, "POE_CONTACT")).orElse("unknown"),
                Duration.ofSeconds(5), 3, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofDays(1),
                Optional.ofNullable(EnvValues.secret(env, "POE_REFRESH_TOKEN")));
    }

    /** Whether the plugin can sync: a registered client and a key to seal its tokens. */
    boolean usable() {
        return clientId.isPresent() && clientSecret.isPresent() && secrets.isPresent();
    }

    /** The User-Agent Path of Exile requires on every request. */
    String userAgent() {
        return "OAuth " + clientId.orElse("questlog") + "/" + VERSION + " (contact: " + contact + ") Questlog";
    }

    @Override
    public String toString() {
        return "PoeSettings[baseUrl=" + baseUrl + ", authBaseUrl=" + authBaseUrl + ", client "
                + (clientId.isPresent() ? "set" : "unset") + "]";
    }
}
