package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One profile: what {@link ProfileResponse} shows, plus its history ({@code snapshots}, newest
 * first, the latest {@value ProfileService#HISTORY} entries, and {@code snapshot_count} in all) and
 * the addresses of its plugin's read views.
 */
record ProfileDetailResponse(UUID id, String plugin, String accountId, String handle, String displayName,
                             ProfileResponse.GameLink game, JsonNode settings, JsonNode data, Instant syncedAt,
                             String syncError, Instant createdAt, Instant updatedAt, long snapshotCount,
                             List<SnapshotResponse> snapshots, List<String> views) {

    static ProfileDetailResponse from(Profile p, long snapshotCount, List<SnapshotResponse> snapshots,
                                      List<String> views) {
        ProfileResponse r = ProfileResponse.from(p);
        return new ProfileDetailResponse(r.id(), r.plugin(), r.accountId(), r.handle(), r.displayName(), r.game(),
                r.settings(), r.data(), r.syncedAt(), r.syncError(), r.createdAt(), r.updatedAt(), snapshotCount,
                snapshots, views);
    }
}
