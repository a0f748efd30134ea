package questlog.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;

/**
 * A local IGDB v4 and Twitch token server over an in-memory {@link FakeIgdbCatalog}, for testing
 * IGDB clients without the network:
 * <pre>{@code
 * try (FakeIgdb igdb = FakeIgdb.start(FakeIgdbCatalog.realistic())) {
 *     var client = new IgdbClient(igdb.tokenUrl(), igdb.igdbBaseUrl(), FakeIgdb.CLIENT_ID, FakeIgdb.CLIENT_SECRET);
 *     ...
 *     assertThat(igdb.maxInFlight()).isLessThanOrEqualTo(8);
 * }
 * }</pre>
 *
 * <p>It speaks the wire format of the real services: {@code POST /oauth2/token} (parameters in a
 * form body or the query string) mints bearer tokens; every {@code /v4/<endpoint>} call is a POST
 * with an Apicalypse body and needs {@code Client-ID} and {@code Authorization: Bearer <token>},
 * else IGDB's 401 object. Answers are JSON arrays, {@code /count} is {@code {"count": n}}, errors
 * are IGDB's {@code [{"title","status","cause"}]} arrays, and 401/429 are objects.
 *
 * <p>It also misbehaves on request: a latency on every IGDB answer, queued {@link Fault}s,
 * expiring tokens, and IGDB's rate limit (4 requests per second, 8 in flight, answered with a 429
 * that carries no Retry-After), which is on by default. It records every IGDB request, so a test
 * can assert how a client behaved: {@link #maxInFlight()}, {@link #maxInAnyWindow(Duration)},
 * {@link #rateLimitViolations()}, {@link #tokenRequests()}.
 *
 * <p>Where it knowingly differs from the live API: an over-500 limit is a 400 here (one live
 * capture showed a 403 with the same body); only the endpoints of {@link IgdbSchema} exist, with
 * the fields the catalog models (other real field names are accepted and always absent); search
 * looks at names only. Loading this class quiets MockWebServer's per-request INFO logging.
 */
public final class FakeIgdb implements AutoCloseable {
    public static final String CLIENT_ID = "fake-client-id", CLIENT_SECRET = "fake-client-secret";

    // MockWebServer logs every request at INFO; rate-limit tests send hundreds
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    }

    /**
     * One IGDB request as it was answered. {@code body} is the Apicalypse text; the nano times
     * are {@link System#nanoTime()} values; {@code status} is what the fake answered (0 if the
     * request was cut short when the server closed).
     */
    public record Recorded(String path, String body, String clientId, String authorization, long arrivedNanos,
                           long finishedNanos, int status) {}

    /**
     * An answer to put in place of the next IGDB request's answer. {@code delay} comes on top of
     * the latency. A status of 0 means no fault of its own: the normal answer after {@code delay}
     * (see {@link #slow(Duration)}).
     */
    public record Fault(int status, String body, Map<String, String> headers, Duration delay) {
        public Fault {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(delay, "delay");
            if (status != 0) {
                Objects.requireNonNull(body, "body");
            }
        }

        /** 429 {@code {"message":"Too Many Requests"}}, without Retry-After, as IGDB sends it. */
        public static Fault tooManyRequests() {
            return new Fault(429, IgdbDispatcher.write(IgdbDispatcher.TOO_MANY_REQUESTS), Map.of(), Duration.ZERO);
        }

        /** The same 429 with a Retry-After header, which IGDB does not send but a proxy might. */
        public static Fault tooManyRequests(int retryAfterSeconds) {
            return new Fault(429, IgdbDispatcher.write(IgdbDispatcher.TOO_MANY_REQUESTS),
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)), Duration.ZERO);
        }

        /** 500 with a Javalin-style object body, as IGDB's 5xx have been seen to carry. */
        public static Fault serverError() {
            return new Fault(500, IgdbDispatcher.write(IgdbDispatcher.ordered(
                    "title", "Server Error", "status", 500,
                    "type", "https://javalin.io/documentation#internalservererrorresponse",
                    "details", Map.of())), Map.of(), Duration.ZERO);
        }

        /** IGDB's 401 "Authorization Failure" object, as for an expired token. */
        public static Fault unauthorized() {
            return new Fault(401, IgdbDispatcher.write(IgdbDispatcher.AUTHORIZATION_FAILURE), Map.of(), Duration.ZERO);
        }

        /** 200 application/json whose array is cut off mid-object. */
        public static Fault malformedJson() {
            return new Fault(200, "[{\"id\":72,\"name\":\"Portal 2\",\"cover\":{\"id\":82660,\"image_", Map.of(),
                    Duration.ZERO);
        }

        /** The normal answer, but only after {@code delay}: for client timeouts. */
        public static Fault slow(Duration delay) {
            return new Fault(0, null, Map.of(), delay);
        }

        boolean answersNormally() {
            return status == 0;
        }
    }

    private final MockWebServer server;
    private final FakeIgdbCatalog catalog;
    private final TwitchTokens tokens;
    private final IgdbTraffic traffic;
    private final IgdbDispatcher dispatcher;

    private FakeIgdb(MockWebServer server, FakeIgdbCatalog catalog, TwitchTokens tokens, IgdbTraffic traffic,
                     IgdbDispatcher dispatcher) {
        this.server = server;
        this.catalog = catalog;
        this.tokens = tokens;
        this.traffic = traffic;
        this.dispatcher = dispatcher;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static FakeIgdb start(FakeIgdbCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        TwitchTokens tokens = new TwitchTokens();
        IgdbTraffic traffic = new IgdbTraffic();
        IgdbDispatcher dispatcher = new IgdbDispatcher(catalog, tokens, traffic);
        MockWebServer server = new MockWebServer();
        server.setDispatcher(dispatcher);
        try {
            server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake IGDB server", e);
        }
        return new FakeIgdb(server, catalog, tokens, traffic, dispatcher);
    }

    /** The IGDB base URL, ending in a slash: {@code http://127.0.0.1:PORT/v4/}. */
    public String igdbBaseUrl() {
        return origin() + "/v4/";
    }

    /** Twitch's token URL: {@code http://127.0.0.1:PORT/oauth2/token}. */
    public String tokenUrl() {
        return origin() + "/oauth2/token";
    }

    /** Twitch's token check ({@code GET}, {@code Authorization: OAuth <token>}). */
    public String validateUrl() {
        return origin() + "/oauth2/validate";
    }

    public FakeIgdbCatalog catalog() {
        return catalog;
    }

    /** Delays every IGDB answer (429s and faults too) by this much; Twitch answers stay immediate. */
    public void setLatency(Duration perRequest) {
        dispatcher.setLatency(perRequest);
    }

    /** The next IGDB request gets this answer instead; several queue up and are used in order. */
    public void enqueueFault(Fault fault) {
        dispatcher.enqueueFault(Objects.requireNonNull(fault, "fault"));
    }

    /** Every token issued so far stops working: IGDB then answers its 401 object. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /**
     * The {@code expires_in} of tokens minted from now on (default 5,011,271 s); they really stop
     * working after it.
     */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    /**
     * On by default: over 4 admitted requests in the trailing second, or over 8 in flight, and the
     * request gets 429 {@code {"message":"Too Many Requests"}} and counts as a violation.
     */
    public void enforceRateLimit(boolean on) {
        dispatcher.enforceRateLimit(on);
    }

    /**
     * Off by default: when on, the server closes each connection right after its answer (Twitch's
     * and IGDB's), without saying so, as HTTP/1.0 proxies do; a client that reuses the connection
     * finds it dead.
     */
    public void closeConnectionAfterEachAnswer(boolean on) {
        dispatcher.closeConnectionAfterEachAnswer(on);
    }

    /** A valid token without a token request, for clients whose token comes from storage. */
    public String issueToken() {
        return tokens.mint().accessToken();
    }

    /** The IGDB requests answered so far, in arrival order. */
    public List<Recorded> requests() {
        return traffic.requests();
    }

    /** Requests to the Twitch token endpoint, successful or not. */
    public int tokenRequests() {
        return dispatcher.tokenRequests();
    }

    /** IGDB requests that arrived, answered or not. */
    public int igdbRequests() {
        return traffic.arrivals();
    }

    /** The most IGDB requests open at the same time. */
    public int maxInFlight() {
        return traffic.maxInFlight();
    }

    /** The most IGDB request arrivals within any span shorter than {@code window}. */
    public int maxInAnyWindow(Duration window) {
        return traffic.maxInAnyWindow(window);
    }

    /** IGDB requests refused with a 429 by the rate limit (queued faults do not count). */
    public int rateLimitViolations() {
        return traffic.violations();
    }

    /**
     * Waits until every request the server received was answered (a slow answer a client gave up
     * on is still recorded when it ends), so that it cannot land in the next test's recording.
     */
    public void awaitNoRequestInFlight(Duration max) {
        try {
            if (!traffic.awaitNoneInFlight(max)) {
                throw new IllegalStateException("requests still open after " + max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Forgets recorded requests and counters. The catalog, tokens, faults and limiter stay. */
    public void resetRecording() {
        traffic.reset();
        dispatcher.resetTokenRequests();
    }

    @Override
    public void close() {
        dispatcher.close();
        server.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getPort();
    }
}
