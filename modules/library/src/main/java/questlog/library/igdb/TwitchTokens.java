package questlog.library.igdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import org.jdbi.v3.core.Jdbi;
import questlog.upstream.ResponseCheck;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;
import questlog.upstream.UpstreamResponse;

/**
 * The Twitch app access token IGDB calls carry. Minted with client credentials, stored in
 * {@code igdb_token} and reused by every thread, instance and restart until shortly before it
 * expires: IGDB allows an application 25 live tokens, so minting per process or per call would
 * invalidate tokens other instances hold. A token IGDB rejects is replaced once.
 */
final class TwitchTokens {
    /** Renew when this little of the token's life is left (or a tenth of it, for short-lived ones). */
    private static final Duration RENEW_BEFORE = Duration.ofHours(1);
    /** A refused client id or secret is explained from Twitch's own answer ({@link #mint}); the rest as usual. */
    private static final ResponseCheck REFUSALS_EXPLAINED_HERE = (response, rate) -> {
        if (!refused(response.status())) {
            ResponseCheck.STANDARD.check(response, rate);
        }
    };

    private final Jdbi jdbi;
    private final UpstreamClient twitch;
    private final IgdbSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token cached;

    TwitchTokens(Jdbi jdbi, UpstreamClient twitch, IgdbSettings settings, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.twitch = twitch;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Twitch's token endpoint as an upstream: a few tries on 5xx and timeouts (a mint is rare, and
     * runs while other instances wait on the lock), within IGDB's call timeout.
     */
    static UpstreamPolicy policy(IgdbSettings settings) {
        HttpUrl tokenUrl = HttpUrl.get(settings.tokenUrl());
        return UpstreamPolicy.of("Twitch", tokenUrl.resolve("/").toString())
                .withMaxInFlight(1)
                .withRetries(Math.min(3, settings.maxAttempts()), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), IgdbTransport.connectTimeout(settings));
    }

    /** A token that is good for a while yet: the cached one, the stored one, or a new one. */
    String current() {
        Token token = cached;
        if (token != null && token.fresh(clock.instant())) {
            return token.value();
        }
        return renew(null);
    }

    /**
     * A replacement for {@code rejected}, which IGDB refused. If another thread or instance has
     * already stored a different token, that one is used and nothing is minted.
     */
    String replace(String rejected) {
        return renew(rejected);
    }

    private String renew(String rejected) {
        lock.lock();
        try {
            Token token = jdbi.inTransaction(h -> {
                // One minter at a time across instances; the others then read what it stored.
                h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "igdb_token:" + settings.clientId());
                Token stored = h.createQuery("""
                                SELECT access_token, expires_at, updated_at FROM igdb_token WHERE client_id = :client""")
                        .bind("client", settings.clientId())
                        .map((rs, ctx) -> new Token(rs.getString(1), rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()))
                        .findOne().orElse(null);
                Instant now = clock.instant();
                if (stored != null && stored.fresh(now) && !stored.value().equals(rejected)) {
                    return stored;
                }
                Token minted = mint(now);
                h.createUpdate("""
                                INSERT INTO igdb_token (client_id, access_token, expires_at, updated_at)
                                VALUES (:client, :token, :expires, :now)
                                ON CONFLICT (client_id) DO UPDATE
                                SET access_token = excluded.access_token, expires_at = excluded.expires_at,
                                    updated_at = excluded.updated_at""")
                        .bind("client", settings.clientId())
                        .bind("token", minted.value())
                        .bind("expires", minted.expiresAt())
                        .bind("now", now)
                        .execute();
                return minted;
            });
            cached = token;
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    private Token mint(Instant now) {
        var body = new FormBody.Builder()
                .add("client_id", settings.clientId())
                .add("client_secret", settings.clientSecret())
                .add("grant_type", "client_credentials")
                .build();
        var request = twitch.request(HttpUrl.get(settings.tokenUrl())).post(body).build();
        UpstreamResponse response;
        try {
            response = twitch.execute(request, REFUSALS_EXPLAINED_HERE);
        } catch (UpstreamException.RateLimited e) {
            throw new IgdbException.RateLimited("Twitch's token endpoint: " + e.getMessage(), e.retryAfter().orElse(null));
        } catch (UpstreamException e) {
            throw new IgdbException.UpstreamDown("Twitch's token endpoint failed: " + e.getMessage(), e);
        }
        String text = response.body();
        int status = response.status();
        if (refused(status)) {
            throw new IgdbException.BadCredentials("Twitch refused the IGDB client credentials (HTTP " + status
                    + twitchMessage(text) + "); check IGDB_CLIENT_ID and IGDB_CLIENT_SECRET");
        }
        if (status != 200) {
            throw new IgdbException.UpstreamDown("Twitch's token endpoint answered HTTP " + status, null);
        }
        try {
            JsonNode node = json.readTree(text);
            String token = node.path("access_token").asText("");
            long expiresIn = node.path("expires_in").asLong(0);
            if (token.isEmpty() || expiresIn <= 0) {
                throw new IgdbException.BadResponse("Twitch's token answer had no access_token or expires_in", null);
            }
            return new Token(token, now.plusSeconds(expiresIn), now);
        } catch (IOException e) {
            throw new IgdbException.BadResponse("Twitch's token answer was not JSON", e);
        }
    }

    private static boolean refused(int status) {
        return status == 400 || status == 401 || status == 403;
    }

    private String twitchMessage(String body) {
        try {
            String message = json.readTree(body).path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A token, when it expires and when it was minted (its lifetime decides how early to renew). */
    private record Token(String value, Instant expiresAt, Instant mintedAt) {
        boolean fresh(Instant now) {
            Duration lifetime = Duration.between(mintedAt, expiresAt);
            Duration margin = lifetime.dividedBy(10).compareTo(RENEW_BEFORE) < 0 ? lifetime.dividedBy(10) : RENEW_BEFORE;
            return now.isBefore(expiresAt.minus(margin));
        }
    }
}
