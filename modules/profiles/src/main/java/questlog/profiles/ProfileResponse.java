package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A profile as the API shows it: which plugin and account, its game ({@code null} for an account
 * that spans games), the latest fetched {@code data} and when it was fetched, and the last sync's
 * error, if it failed (the data then is the last good one).
 */
record ProfileResponse(UUID id, String plugin, String accountId, String handle, String displayName, GameLink game,
                       JsonNode settings, JsonNode data, Instant syncedAt, String syncError, Instant createdAt,
                       Instant updatedAt) {

    record GameLink(UUID id, String slug, String name) {}

    static ProfileResponse from(Profile p) {
        return new ProfileResponse(p.id(), p.plugin(), p.accountId(), p.handle(), p.displayName(),
                p.gameId() == null ? null : new GameLink(p.gameId(), p.gameSlug(), p.gameName()), p.settings(), p.data(),
                p.syncedAt(), p.syncError(), p.createdAt(), p.updatedAt());
    }
}
