package questlog.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/profiles/{plugin}}: the handle as people type it (the plugin validates and
 * resolves it), the game the profile belongs to (a slug; left out for an account-wide plugin such
 * as Steam) and free-form settings for the plugin (an object; {@code {}} when absent).
 * Public only because Jackson reads it.
 */
public record CreateProfileRequest(@JsonProperty(required = true) String handle, String game, JsonNode settings) {}
