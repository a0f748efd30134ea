package questlog.library.igdb;

import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;

/**
 * Sends one Apicalypse query to IGDB and returns the answer's text, within IGDB's limits.
 *
 * <p>The limits, retries and connection handling are the upstream layer's ({@link UpstreamClient}):
 * every HTTP request, the re-send after a token refresh included, takes one of {@code maxInFlight}
 * slots and one start of a spacing of {@code requestInterval} (4 per second with a margin); 429s,
 * 5xx and timeouts are retried with exponential backoff and jitter, or after a {@code Retry-After};
 * a connection IGDB closed while it idled is re-opened without spending an attempt or a start.
 * What is IGDB's own: the Twitch token on every request, one token refresh and re-send on a 401,
 * and the translation of failures into {@link IgdbException}s.
 */
final class IgdbTransport {
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final IgdbSettings settings;
    private final TwitchTokens tokens;
    private final UpstreamClient igdb;

    IgdbTransport(IgdbSettings settings, TwitchTokens tokens, UpstreamClient igdb) {
        this.settings = settings;
        this.tokens = tokens;
        this.igdb = igdb;
    }

    /** IGDB's limits and headers as an upstream policy. */
    static UpstreamPolicy policy(IgdbSettings settings) {
        return UpstreamPolicy.of("IGDB", settings.baseUrl())
                .withRequestInterval(settings.requestInterval())
                .withMaxInFlight(settings.maxInFlight())
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), connectTimeout(settings))
                .withHeader("Client-ID", settings.clientId())
                .withHeader("Accept", "application/json");
    }

    /** Connecting may take the whole call timeout, up to 10 s (OkHttp's default). */
    static Duration connectTimeout(IgdbSettings settings) {
        return settings.callTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? settings.callTimeout() : MAX_CONNECT_TIMEOUT;
    }

    /** POSTs {@code query} to {@code endpoint} (e.g. "games", "multiquery") and returns the 200 answer's body. */
    String post(String endpoint, String query) {
        try {
            String token = tokens.current();
            try {
                return send(endpoint, query, token);
            } catch (UpstreamException.BadCredentials e) {
                if (!unauthorized(e)) {
                    throw e;
                }
            }
            try {
                return send(endpoint, query, tokens.replace(token));
            } catch (UpstreamException.BadCredentials e) {
                if (!unauthorized(e)) {
                    throw e;
                }
                throw new IgdbException.BadCredentials(
                        "IGDB refused a freshly minted token; check IGDB_CLIENT_ID and IGDB_CLIENT_SECRET");
            }
        } catch (UpstreamException e) {
            throw translate(e);
        }
    }

    private String send(String endpoint, String query, String token) {
        var request = igdb.request(endpoint)
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(query, TEXT))
                .build();
        return igdb.execute(request).body();
    }

    long httpRequests() {
        return igdb.stats().requests();
    }

    private static boolean unauthorized(UpstreamException.BadCredentials e) {
        return e.status().orElse(0) == 401;
    }

    private IgdbException translate(UpstreamException e) {
        return switch (e) {
            case UpstreamException.RateLimited limited ->
                    new IgdbException.RateLimited(limited.getMessage(), limited.retryAfter().orElse(null));
            case UpstreamException.Unavailable down -> new IgdbException.UpstreamDown(down.getMessage(), down);
            case UpstreamException.Timeout late when late.status().isPresent() ->
                    new IgdbException.UpstreamDown(late.getMessage(), late);
            case UpstreamException.Timeout late -> new IgdbException.UpstreamDown(
                    "IGDB did not answer within " + settings.callTimeout().toMillis() + " ms", late);
            case UpstreamException.BadCredentials refused -> new IgdbException.BadCredentials(
                    "IGDB refused access (HTTP " + refused.status().orElse(0) + ") for this client id");
            case UpstreamException.NotFound missing -> rejected(missing);
            case UpstreamException.BadResponse bad -> rejected(bad);
        };
    }

    /** IGDB answers a query it cannot run (unknown endpoint, bad syntax) with a 4xx: a bad query, not a missing game. */
    private static IgdbException rejected(UpstreamException e) {
        return new IgdbException.BadResponse("IGDB rejected the query (HTTP " + e.status().orElse(0) + ")", e);
    }
}
