package questlog.profiles.poe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import questlog.common.Json;
import questlog.profiles.ProfileAuthorization;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;

/**
 * The owner's consent, through the core's {@code oauth/start} and {@code oauth/callback} routes:
 * the start builds the authorize URL with a PKCE challenge and hands the core the verifier sealed
 * ({@code poe.code_verifier}); the callback exchanges the code with it at {@code oauth/token} and
 * gives the core the sealed tokens as the settings member {@value #TOKENS}, which the next sync
 * takes (see {@link PoePlugin#fetch}).
 */
final class PoeAuthorization implements ProfileAuthorization {
    /** The settings member the sealed tokens of an authorization are kept in. */
    static final String TOKENS = "tokens";
    private static final ObjectMapper JSON = Json.objectMapper();

    private final PoeSettings settings;
    private final PoeOAuth oauth;

    PoeAuthorization(PoeSettings settings, PoeOAuth oauth) {
        this.settings = settings;
        this.oauth = oauth;
    }

    @Override
    public Request start(String accountId) {
        usable();
        PoeOAuth.Authorization authorization = oauth.authorization();
        ObjectNode pending = JSON.createObjectNode().put("code_verifier", oauth.sealVerifier(authorization.codeVerifier()));
        return new Request(authorization.url(), authorization.state(), pending);
    }

    @Override
    public ObjectNode complete(String accountId, String code, JsonNode pending) {
        usable();
        String sealed = pending.path("code_verifier").asText("");
        if (sealed.isEmpty()) {
            throw new IllegalStateException("a started Path of Exile authorization without its verifier");
        }
        PoeSnapshot.Tokens tokens = oauth.exchange(code, oauth.openVerifier(sealed));
        ObjectNode members = JSON.createObjectNode();
        members.set(TOKENS, JSON.valueToTree(tokens));
        return members;
    }

    /** Sealed tokens an authorization left in the settings, if any. */
    static java.util.Optional<PoeSnapshot.Tokens> fromSettings(JsonNode settings) {
        JsonNode tokens = settings == null ? null : settings.get(TOKENS);
        if (tokens == null || !tokens.isObject()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JSON.treeToValue(tokens, PoeSnapshot.Tokens.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new ProfileException(Reason.PRIVATE, "The profile's settings hold no readable Path of Exile "
                    + "tokens: start the authorization again");
        }
    }

    private void usable() {
        if (!settings.usable()) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "Path of Exile authorizations need POE_CLIENT_ID, "
                    + "POE_CLIENT_SECRET and QUESTLOG_SECRET_KEY in the configuration");
        }
        if (settings.redirectUri().isBlank()) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "Path of Exile authorizations need POE_REDIRECT_URI, "
                    + "the redirect URI registered for the client");
        }
    }
}
