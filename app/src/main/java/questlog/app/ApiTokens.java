package questlog.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import questlog.common.SqlStates;

/**
 * Issues, checks and revokes bearer tokens. A token is shown once at creation; only its SHA-256
 * is stored, so a database leak does not leak tokens. Lookups go by hash (the secret never meets a
 * variable-time comparison); the static QUESTLOG_API_KEY is compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the inputs differ.
 *
 * <p>{@code last_used_at} is bookkeeping, not an audit log: it is written at most once a
 * {@link #MARK_USED_EVERY minute} per token and instance (the time of the first use after the
 * last write), so it may lag the latest use by up to a minute, and a busy token costs one UPDATE a
 * minute rather than one per request.
 */
public final class ApiTokens {
    public static final List<String> ALL_SCOPES = List.of("read", "write");
    static final Duration MARK_USED_EVERY = Duration.ofMinutes(1);
    private static final String PREFIX = "ql_";

    private final Jdbi jdbi;
    private final Clock clock;
    private final byte[] staticKeyHash;
    private final SecureRandom random = new SecureRandom();
    /** When this instance last wrote each token's last_used_at. */
    private final Map<UUID, Instant> lastMarked = new ConcurrentHashMap<>();

    public ApiTokens(Jdbi jdbi, Clock clock, Optional<String> staticKey) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.staticKeyHash = staticKey.map(ApiTokens::sha256).orElse(null);
    }

    /** A new token: its stored record and the secret, which is not kept anywhere. */
    public record Issued(ApiToken token, String secret) {}

    public static final class DuplicateNameException extends RuntimeException {
        public DuplicateNameException(String name) {
            super("a token named '" + name + "' already exists");
        }
    }

    public Issued create(String name, List<String> scopes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            ApiToken token = jdbi.withExtension(ApiTokenDao.class, dao -> dao.insert(name, sha256(secret), scopes));
            return new Issued(token, secret);
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new DuplicateNameException(name);
            }
            throw e;
        }
    }

    public List<ApiToken> list() {
        return jdbi.withExtension(ApiTokenDao.class, ApiTokenDao::list);
    }

    /** Revokes by name; false when no active token has that name. */
    public boolean revoke(String name) {
        return jdbi.withExtension(ApiTokenDao.class, dao -> dao.revoke(name, clock.instant())) > 0;
    }

    /** The scopes a presented secret grants: none when unknown or revoked. */
    public List<String> scopesOf(String secret) {
        byte[] hash = sha256(secret);
        if (staticKeyHash != null && MessageDigest.isEqual(hash, staticKeyHash)) {
            return ALL_SCOPES;
        }
        if (!secret.startsWith(PREFIX)) {
            return List.of();
        }
        Optional<ApiToken> token = jdbi.withExtension(ApiTokenDao.class, dao -> dao.findByHash(hash));
        if (token.isEmpty() || token.get().revokedAt() != null) {
            return List.of();
        }
        markUsed(token.get().id());
        return token.get().scopes();
    }

    /** Writes last_used_at unless this instance wrote it less than a minute ago; one thread wins a race. */
    private void markUsed(UUID id) {
        Instant now = clock.instant();
        Instant previous = lastMarked.get(id);
        if (previous != null && now.isBefore(previous.plus(MARK_USED_EVERY))) {
            return;
        }
        boolean ours = previous == null ? lastMarked.putIfAbsent(id, now) == null : lastMarked.replace(id, previous, now);
        if (ours) {
            jdbi.useExtension(ApiTokenDao.class, dao -> dao.touch(id, now));
        }
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
