package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** One entry of a profile's history: a fetched state that differed from the one before, and what changed. */
public record ProfileSnapshot(UUID id, UUID profileId, Instant takenAt, @Json JsonNode data, @Json JsonNode changes) {}
