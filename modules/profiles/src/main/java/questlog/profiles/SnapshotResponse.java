package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One entry of a profile's history as the API shows it: when, and what changed (without the data itself). */
record SnapshotResponse(UUID id, Instant takenAt, JsonNode changes) {
    static SnapshotResponse from(ProfileSnapshot s) {
        return new SnapshotResponse(s.id(), s.takenAt(), s.changes());
    }
}
