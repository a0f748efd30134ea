package questlog.profiles;

import java.time.Instant;

/**
 * The answer of {@code POST /api/profiles/{plugin}/{id}/oauth/start}: the address to send the
 * owner to, the state it carries (it must come back with the code) and when the started
 * authorization expires.
 */
record AuthorizationStartResponse(String authorizeUrl, String state, Instant expiresAt) {
    static AuthorizationStartResponse from(ProfileAuthorizations.Started started) {
        return new AuthorizationStartResponse(started.authorizeUrl(), started.state(), started.expiresAt());
    }
}
