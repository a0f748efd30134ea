package questlog.testsupport;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * App access tokens as Twitch's client-credentials flow hands them out. Each token lives for the
 * lifetime set when it was minted, and only the newest 25 stay valid: IGDB documents that minting
 * more invalidates the oldest, which is how a client that mints per request or per process start
 * breaks its other instances.
 */
final class TwitchTokens {
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(5_011_271);
    static final int MAX_ACTIVE = 25;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    record Minted(String accessToken, long expiresInSeconds) {}

    // token -> expiry (System.nanoTime); insertion order is minting order
    private final Map<String, Long> active = new LinkedHashMap<>();
    private Duration lifetime = DEFAULT_LIFETIME;

    synchronized Minted mint() {
        String token = randomToken();
        active.put(token, System.nanoTime() + lifetime.toNanos());
        while (active.size() > MAX_ACTIVE) {
            Iterator<String> oldest = active.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new Minted(token, lifetime.toSeconds());
    }

    synchronized boolean isValid(String token) {
        return remainingNanos(token) > 0;
    }

    /** Seconds left, or 0 for an unknown, invalidated or expired token. */
    synchronized long remainingSeconds(String token) {
        return Duration.ofNanos(Math.max(0, remainingNanos(token))).toSeconds();
    }

    synchronized void expireAll() {
        active.clear();
    }

    synchronized void setLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("token lifetime must not be negative: " + lifetime);
        }
        this.lifetime = lifetime;
    }

    private long remainingNanos(String token) {
        Long expiry = token == null ? null : active.get(token);
        return expiry == null ? 0 : expiry - System.nanoTime();
    }

    private static String randomToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder token = new StringBuilder(30);
        for (int i = 0; i < 30; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
