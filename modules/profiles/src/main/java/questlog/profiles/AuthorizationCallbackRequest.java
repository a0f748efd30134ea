package questlog.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/profiles/{plugin}/{id}/oauth/callback}: the {@code code} and {@code state} the
 * service's authorization server gave the owner's browser on the redirect URI.
 * Public only because Jackson reads it.
 */
public record AuthorizationCallbackRequest(@JsonProperty(required = true) String code,
                                           @JsonProperty(required = true) String state) {}
