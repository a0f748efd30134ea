package questlog.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import questlog.common.SqlStates;

/**
 * Issues, checks and revokes bearer tokens. A token is shown once at creation; only its SHA-256
 * is stored, so a database leak does not leak tokens. Lookups go by hash (the secret never meets a
 * variable-time comparison); the static QUESTLOG_API_KEY is compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the inputs differ.
 */
public final class ApiTokens {
    public static final List<String> ALL_SCOPES = List.of("read", "write");
    private static final String PREFIX = "ql_";

    private final Jdbi jdbi;
    private final Clock clock;
    private final byte[] staticKeyHash;
    private final SecureRandom random = new SecureRandom();

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
        return jdbi.withExtension(ApiTokenDao.class, dao -> {
            Optional<ApiToken> token = dao.findByHash(hash);
            if (token.isEmpty() || token.get().revokedAt() != null) {
                return List.<String>of();
            }
            dao.touch(token.get().id(), clock.instant());
            return token.get().scopes();
        });
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
