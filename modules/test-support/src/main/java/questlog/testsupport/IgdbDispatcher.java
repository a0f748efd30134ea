package questlog.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import mockwebserver3.RecordedRequest;
import questlog.testsupport.ApicalypseQuery.SubQuery;

/**
 * Answers {@link FakeIgdb}'s HTTP requests: Twitch's token endpoints under {@code /oauth2/} and
 * IGDB under {@code /v4/}. MockWebServer calls {@link #dispatch} on one thread per connection, so
 * concurrent clients really are concurrent here, and the per-request latency is a sleep on that
 * thread: it holds the request open, which is what makes "in flight" measurable.
 */
final class IgdbDispatcher extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(FakeIgdb.class.getName());
    private static final String IGDB_JSON = "application/json;charset=utf-8";

    /** IGDB's 401 body, an object (not the error array), verbatim from the live API. */
    static final Map<String, Object> AUTHORIZATION_FAILURE = Collections.unmodifiableMap(ordered(
            "message", "Authorization Failure. Have you tried:",
            "Tip 1", "Ensure you are sending Authorization and Client-ID as headers.",
            "Tip 2", "Ensure Authorization value starts with 'Bearer ', including the space",
            "Tip 3", "Ensure Authorization value ends with the App Access Token you generated, NOT your Client Secret.",
            "Docs", "https://api-docs.igdb.com/#authentication",
            "Discord", "https://discord.gg/FrvfwQg"));
    static final Map<String, Object> TOO_MANY_REQUESTS = Map.of("message", "Too Many Requests");

    /** A status, body and headers, before they become a MockResponse. */
    record Answer(int status, String body, Map<String, String> headers) {}

    private final IgdbQueryEngine engine;
    private final TwitchTokens tokens;
    private final IgdbTraffic traffic;
    private final Queue<FakeIgdb.Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    // released on close, so requests sleeping out a latency or a slow fault end at once
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean enforceRateLimit = true;
    private volatile boolean closeAfterAnswer;

    IgdbDispatcher(FakeIgdbCatalog catalog, TwitchTokens tokens, IgdbTraffic traffic) {
        this.engine = new IgdbQueryEngine(catalog.tables());
        this.tokens = tokens;
        this.traffic = traffic;
    }

    void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    void enqueueFault(FakeIgdb.Fault fault) {
        faults.add(fault);
    }

    void enforceRateLimit(boolean on) {
        this.enforceRateLimit = on;
    }

    void closeConnectionAfterEachAnswer(boolean on) {
        this.closeAfterAnswer = on;
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    void resetTokenRequests() {
        tokenRequests.set(0);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        Answer answer;
        if (path.equals("/oauth2/token")) {
            answer = token(request);
        } else if (path.equals("/oauth2/validate")) {
            answer = validate(request);
        } else if (path.startsWith("/v4/")) {
            answer = igdb(request, path);
        } else {
            answer = text(404, "Not Found");
        }
        MockResponse.Builder response = new MockResponse.Builder().code(answer.status());
        answer.headers().forEach(response::setHeader);
        if (closeAfterAnswer) {
            // No "Connection: close": the client learns of it only when it reuses the connection.
            response.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
        }
        return response.body(answer.body()).build();
    }

    @Override
    public void close() {
        closed.countDown();
    }

    // ---- Twitch ----

    private Answer token(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        if (!request.getMethod().equals("POST")) {
            return twitchError(404, "Not Found");
        }
        // Twitch takes the parameters form-encoded in the body or in the query string
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
            params.put(name, request.getUrl().queryParameter(name));
        }
        params.putAll(formParameters(bodyOf(request)));
        String clientId = params.get("client_id");
        String secret = params.get("client_secret");
        String grantType = params.get("grant_type");
        if (clientId == null || clientId.isBlank()) {
            return twitchError(400, "missing client id");
        }
        if (!clientId.equals(FakeIgdb.CLIENT_ID)) {
            return twitchError(400, "invalid client");
        }
        if (secret == null || secret.isBlank()) {
            return twitchError(400, "missing client secret");
        }
        if (!secret.equals(FakeIgdb.CLIENT_SECRET)) {
            return twitchError(403, "invalid client secret");
        }
        if (grantType == null || grantType.isBlank()) {
            return twitchError(400, "missing grant type");
        }
        if (!grantType.equals("client_credentials")) {
            return twitchError(400, "unsupported grant type");
        }
        TwitchTokens.Minted minted = tokens.mint();
        return json(200, ordered("access_token", minted.accessToken(), "expires_in", minted.expiresInSeconds(),
                "token_type", "bearer"), "application/json");
    }

    private Answer validate(RecordedRequest request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null) {
            return twitchError(401, "missing authorization token");
        }
        String token = authorization.replaceFirst("(?i)^(OAuth|Bearer)\\s+", "").strip();
        if (!tokens.isValid(token)) {
            return twitchError(401, "invalid access token");
        }
        return json(200, ordered("client_id", FakeIgdb.CLIENT_ID, "scopes", List.of(),
                "expires_in", tokens.remainingSeconds(token)), "application/json");
    }

    private static Answer twitchError(int status, String message) {
        return json(status, ordered("status", status, "message", message), "application/json");
    }

    private static Map<String, String> formParameters(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isBlank()) {
            return params;
        }
        for (String pair : body.strip().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    // ---- IGDB ----

    private Answer igdb(RecordedRequest request, String path) throws InterruptedException {
        long arrived = System.nanoTime();
        String body = bodyOf(request);
        FakeIgdb.Fault fault = faults.poll();
        // a queued fault is the answer whatever the limiter would say, so tests stay deterministic
        boolean admitted = traffic.arrive(arrived, enforceRateLimit && fault == null);
        Answer answer = null;
        try {
            pause(latency);
            if (fault != null) {
                pause(fault.delay());
                answer = fault.answersNormally() ? query(request, path, body) : faultAnswer(fault);
            } else if (!admitted) {
                // no Retry-After and no rate headers: IGDB sends neither
                answer = json(429, TOO_MANY_REQUESTS, IGDB_JSON);
            } else {
                answer = query(request, path, body);
            }
            return answer;
        } finally {
            traffic.finish(new FakeIgdb.Recorded(path, body, request.getHeaders().get("Client-ID"),
                    request.getHeaders().get("Authorization"), arrived, System.nanoTime(),
                    answer == null ? 0 : answer.status()));
        }
    }

    private Answer query(RecordedRequest request, String path, String body) {
        if (!authorized(request)) {
            return json(401, AUTHORIZATION_FAILURE, IGDB_JSON);
        }
        String route = path.substring("/v4".length());
        if (route.length() > 1 && route.endsWith("/")) {
            route = route.substring(0, route.length() - 1);
        }
        String name = route.substring(1);
        boolean count = name.endsWith("/count");
        String endpoint = count ? name.substring(0, name.length() - "/count".length()) : name;
        boolean known = name.equals("multiquery") || IgdbSchema.endpoint(endpoint) != null;
        if (!request.getMethod().equals("POST") || !known) {
            // IGDB routes only POST; anything else is its plain-text 404
            return text(404, "Endpoint " + request.getMethod() + " " + route + " not found");
        }
        try {
            if (name.equals("multiquery")) {
                return json(200, multiquery(body), IGDB_JSON);
            }
            ApicalypseQuery query = ApicalypseParser.parse(body);
            if (count) {
                return json(200, ordered("count", engine.count(endpoint, query)), IGDB_JSON);
            }
            return json(200, engine.find(endpoint, query), IGDB_JSON);
        } catch (IgdbQueryException e) {
            return json(e.status(), e.body(), IGDB_JSON);
        } catch (RuntimeException e) {
            // a bug in the fake itself: say so plainly rather than drop the connection
            LOG.log(Level.WARNING, "FakeIgdb failed on " + route + " with body " + body, e);
            return text(500, "FakeIgdb internal error: " + e);
        }
    }

    private List<Map<String, Object>> multiquery(String body) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (SubQuery sub : ApicalypseParser.parseMulti(body)) {
            if (IgdbSchema.endpoint(sub.endpoint()) == null) {
                throw IgdbQueryException.syntax("Unknown endpoint '" + sub.endpoint() + "' in query '" + sub.name() + "'");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", sub.name());
            if (sub.count()) {
                result.put("count", engine.count(sub.endpoint(), sub.query()));
            } else {
                result.put("result", engine.find(sub.endpoint(), sub.query()));
            }
            results.add(result);
        }
        return results;
    }

    private boolean authorized(RecordedRequest request) {
        String clientId = request.getHeaders().get("Client-ID");
        String authorization = request.getHeaders().get("Authorization");
        if (!FakeIgdb.CLIENT_ID.equals(clientId) || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return tokens.isValid(authorization.substring(7).strip());
    }

    private static Answer faultAnswer(FakeIgdb.Fault fault) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (fault.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", IGDB_JSON);
        }
        headers.putAll(fault.headers());
        return new Answer(fault.status(), fault.body(), headers);
    }

    private void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    // ---- wire helpers ----

    private static String bodyOf(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    private static Answer json(int status, Object body, String contentType) {
        return new Answer(status, write(body), Map.of("Content-Type", contentType));
    }

    private static Answer text(int status, String body) {
        return new Answer(status, body, Map.of("Content-Type", "text/plain;charset=utf-8"));
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }
}
