package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A stored profile, with its game's slug and name when it belongs to one game. */
record Profile(UUID id, String plugin, String accountId, String handle, String displayName, UUID gameId,
               String gameSlug, String gameName, JsonNode settings, JsonNode data, Instant syncedAt,
               String syncError, Instant createdAt, Instant updatedAt) {}
