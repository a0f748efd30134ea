package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A stored profile, with its game's slug and name when it belongs to one game. {@code data} is null
 * before the first successful sync (never a JSON null node).
 */
public record Profile(UUID id, String plugin, String accountId, String handle, String displayName, UUID gameId,
               String gameSlug, String gameName, @Json JsonNode settings, @Json JsonNode data, Instant syncedAt,
               String syncError, Instant createdAt, Instant updatedAt) {
    public Profile {
        data = data == null || data.isNull() ? null : data;
    }
}
