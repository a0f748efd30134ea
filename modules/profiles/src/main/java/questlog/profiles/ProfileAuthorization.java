package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plugin's OAuth authorization of the owner's account, for services that show an account only
 * with its owner's consent (Path of Exile). Optional: a plugin offers it through
 * {@link ProfilePlugin#authorization()}. The core serves it under
 * {@code POST /api/profiles/{plugin}/{id}/oauth/start} and {@code .../oauth/callback}: it keeps each
 * started request's state (hashed) and {@link Request#pending()} server-side until the callback
 * uses it or it expires, checks the state, merges what {@link #complete} returns into the
 * profile's settings and queues a sync. The plugin builds the URL, exchanges the code with its own
 * client and seals whatever is secret; it never sees the database or Javalin.
 */
public interface ProfileAuthorization {

    /**
     * A new authorization request: where to send the owner, a fresh unguessable {@code state}
     * (it is in the URL and must come back with the code), and what the plugin needs back at the
     * callback (e.g. its sealed PKCE verifier).
     *
     * @throws ProfileException when the plugin cannot authorize here (its client is not configured: 503)
     */
    Request start(String accountId);

    /**
     * Exchanges the code the service gave the owner for credentials.
     *
     * @param pending what {@link #start} returned as {@link Request#pending()} for this state
     * @return the members to set in the profile's settings (sealed credentials), read back by
     *         {@link ProfilePlugin#fetch} through {@link FetchContext#settings()}
     * @throws ProfileException {@link ProfileException.Reason#REFUSED} for a code the service refused
     *         (invalid, expired, used), or an upstream failure
     */
    ObjectNode complete(String accountId, String code, JsonNode pending);

    /** A started authorization: the URL to send the owner to, its state, and what the callback needs back. */
    record Request(String url, String state, JsonNode pending) {
        @Override
        public String toString() {
            return "Request[url=" + url + "]";
        }
    }
}
