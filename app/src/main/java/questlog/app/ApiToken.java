package questlog.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored API token, without its secret (only a hash of it exists). */
public record ApiToken(UUID id, String name, List<String> scopes, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean allows(String scope) {
        return revokedAt == null && scopes.contains(scope);
    }
}
