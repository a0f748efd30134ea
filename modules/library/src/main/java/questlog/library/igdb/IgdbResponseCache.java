package questlog.library.igdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * IGDB answers kept in {@code igdb_response} for {@code ttl}, keyed by endpoint and query text.
 * In the database rather than in memory so that every instance, the CLI and a job resumed after a
 * restart reuse them; expired rows are swept now and then while writing.
 */
final class IgdbResponseCache {
    private static final int SWEEP_EVERY = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration ttl;
    private final AtomicInteger writes = new AtomicInteger();

    IgdbResponseCache(Jdbi jdbi, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
    }

    Optional<String> get(String endpoint, String query) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Instant oldest = clock.instant().minus(ttl);
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT body FROM igdb_response WHERE cache_key = :key AND fetched_at > :oldest")
                .bind("key", key(endpoint, query))
                .bind("oldest", oldest)
                .mapTo(String.class)
                .findOne());
    }

    void put(String endpoint, String query, String body) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        jdbi.useHandle(h -> {
            h.createUpdate("""
                            INSERT INTO igdb_response (cache_key, endpoint, body, fetched_at)
                            VALUES (:key, :endpoint, :body, :now)
                            ON CONFLICT (cache_key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at""")
                    .bind("key", key(endpoint, query))
                    .bind("endpoint", endpoint)
                    .bind("body", body)
                    .bind("now", now)
                    .execute();
            if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
                h.createUpdate("DELETE FROM igdb_response WHERE fetched_at <= :oldest")
                        .bind("oldest", now.minus(ttl)).execute();
            }
        });
    }

    private static String key(String endpoint, String query) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(endpoint.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
