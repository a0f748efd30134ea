package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code PATCH /api/profiles/{plugin}/{id}}: only the fields present change; {@code game: null}
 * detaches the profile from its game. The handle names the account and does not change (add
 * another profile for another account). Public only because Jackson reads it.
 */
public record UpdateProfileRequest(String game, JsonNode settings) {}
