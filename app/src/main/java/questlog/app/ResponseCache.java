package questlog.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import questlog.common.ReadKeys;

/**
 * Rendered JSON of read routes, kept in memory until a change can affect it, plus the ETag /
 * If-None-Match handling of every read. The change feed says which table changed and, for the
 * hot tables, which games and lists; {@link ReadDependencies} says which answers that reaches,
 * and only those are dropped. Each answer that has to be computed is computed once however many
 * requests want it at the same time (single flight): the first computes, the others wait for its
 * bytes. A change that arrives while an answer is being computed keeps that answer out of the
 * cache, so a response computed across a concurrent write is never served after that write.
 * Routes allowed to lag ({@link ReadDependencies#mayLag}) answer waiting requests with the
 * previous version instead of making them wait.
 * <p>
 * With the cache off every read is computed, yet ETags and bodies are byte-for-byte the same.
 * Readers with a token may see more than anonymous ones (private lists), so the two kinds of
 * caller have separate entries; every token holder sees the same data (it is one person's
 * journal), so they share theirs. Paths that modules name as uncached ({@code /api/jobs}: a
 * job's progress changes without any change event) are never kept; they are always computed and
 * still get ETags.
 */
final class ResponseCache implements ChangeFeed.Sink {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResponseCache.class);
    private static final String READ_ATTRIBUTE = "questlog.cacheRead";
    private static final String FLIGHT_ATTRIBUTE = "questlog.cacheFlight";
    private static final String JSON = "application/json";
    /** A waiting request computes the answer itself after this long (the first one's failed silently). */
    private static final long FLIGHT_WAIT_MS = 10_000;

    /** A rendered answer, with what {@link ReadDependencies} needs to know of it. */
    record Entry(byte[] body, String etag, String contentType, ReadDependencies.Answer answer) {
        String route() {
            return answer.route();
        }
    }

    /** One computation in progress, which requests for the same key wait for. */
    private static final class Flight {
        final String key;
        /** What is known before it is computed: not yet the keys it will show. */
        final ReadDependencies.Answer answer;
        final CompletableFuture<Entry> done = new CompletableFuture<>();
        /** Set when a change reached this answer while it was computed: it is not kept. */
        volatile boolean outdated;

        Flight(String key, ReadDependencies.Answer answer) {
            this.key = key;
            this.answer = answer;
        }
    }

    private final ChangeFeed changes;
    private final ReadDependencies dependencies;
    private final Cache<String, Entry> entries;
    /** Answers of lagging routes that a change reached, served while their next version is computed. */
    private final Map<String, Entry> previous = Caffeine.newBuilder().maximumSize(256).<String, Entry>build().asMap();
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();
    /** Orders storing a computed answer against dropping what a change reaches. */
    private final Object lock = new Object();
    private final boolean enabled;
    private final List<String> uncached;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** {@code uncached}: paths never kept, each covering itself and everything below it. */
    ResponseCache(ChangeFeed changes, AppConfig.CacheConfig config, List<String> uncached) {
        this(changes, config, uncached, ReadDependencies.questlog());
    }

    ResponseCache(ChangeFeed changes, AppConfig.CacheConfig config, List<String> uncached,
                  ReadDependencies dependencies) {
        this.changes = changes;
        this.dependencies = dependencies;
        this.uncached = List.copyOf(uncached);
        this.enabled = config.enabled();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(budget(config.maxBytes(), Runtime.getRuntime().maxMemory()))
                .weigher((String key, Entry e) -> key.length() * 2 + e.body().length + 128)
                .build();
        if (enabled) {
            changes.sendTo(this);
        }
    }

    /**
     * The cache's memory budget: as configured, but at most a quarter of the heap, so that a full
     * cache leaves the heap room to work (the launcher's heap is small).
     */
    static long budget(long configured, long maxHeap) {
        long quarter = maxHeap / 4;
        if (configured > quarter) {
            log.info("Read cache: {} MB configured, {} MB used (a quarter of the {} MB heap)", configured >> 20,
                    quarter >> 20, maxHeap >> 20);
            return quarter;
        }
        return configured;
    }

    /** Before a matched GET: answer from the cache, or from the computation already under way. */
    void serveCached(Context ctx) {
        if (ctx.method() != HandlerType.GET || !ctx.path().startsWith("/api/")) {
            return;
        }
        ctx.attribute(READ_ATTRIBUTE, Boolean.TRUE);
        if (!enabled || !changes.isLive() || !cacheable(ctx.path())) {
            return;
        }
        String key = key(ctx);
        Entry entry = entries.getIfPresent(key);
        if (entry != null) {
            hits.increment();
            respond(ctx, entry.body(), entry.etag(), entry.contentType());
            ctx.skipRemainingHandlers();
            return;
        }
        String route = Routes.template(ctx);
        Flight mine = new Flight(key, new ReadDependencies.Answer(route, Map.copyOf(ctx.pathParamMap()),
                ctx.queryString(), null));
        Flight running = flights.putIfAbsent(key, mine);
        if (running == null) {
            // This request computes; a change heard in between is caught by the flight.
            misses.increment();
            ctx.attribute(FLIGHT_ATTRIBUTE, mine);
            return;
        }
        Entry stale = dependencies.mayLag(route) ? previous.get(key) : null;
        Entry answer = stale != null ? stale : await(running);
        if (answer != null) {
            hits.increment();
            respond(ctx, answer.body(), answer.etag(), answer.contentType());
            ctx.skipRemainingHandlers();
        } else {
            misses.increment();   // the computation failed or answered no 200: compute here
        }
    }

    private Entry await(Flight running) {
        try {
            return running.done.get(FLIGHT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            flights.remove(running.key, running);
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The entry for an anonymous GET of this raw path and query, if one is kept; used by
     * {@link CachedReadHandler} to answer before the router.
     */
    Entry freshForAnonymous(String path, String query) {
        Entry entry = enabled && changes.isLive() && cacheable(path) ? entries.getIfPresent(key(false, path, query)) : null;
        if (entry != null) {
            hits.increment();
        }
        return entry;
    }

    /** Reads answered from the cache (before or after routing, or from a computation under way). */
    long hits() {
        return hits.sum();
    }

    /** Cacheable reads that had to be computed (nothing fresh was kept). */
    long misses() {
        return misses.sum();
    }

    /** Bytes the cache holds now (its weight). */
    long size() {
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** Whether a read of this path may be kept: every GET under /api is, except below the uncached paths. */
    boolean cacheable(String path) {
        // The router treats "//" as "/"; a regular expression only for the rare path that has one.
        String p = path.contains("//") ? path.replaceAll("//+", "/") : path;
        for (String prefix : uncached) {
            if (p.startsWith(prefix) && (p.length() == prefix.length() || p.charAt(prefix.length()) == '/')) {
                return false;
            }
        }
        return true;
    }

    /** Drops the answers this change can affect; lagging routes keep theirs as the previous version. */
    @Override
    public void changed(ChangeFeed.Change change) {
        synchronized (lock) {
            for (Map.Entry<String, Entry> e : entries.asMap().entrySet()) {
                Entry entry = e.getValue();
                if (dependencies.affects(change, entry.answer())) {
                    entries.asMap().remove(e.getKey(), entry);
                    if (dependencies.mayLag(entry.route())) {
                        previous.put(e.getKey(), entry);
                    }
                }
            }
            for (Flight flight : flights.values()) {
                if (dependencies.affects(change, flight.answer)) {
                    flight.outdated = true;
                    flights.remove(flight.key, flight);
                }
            }
        }
    }

    @Override
    public void everything() {
        synchronized (lock) {
            entries.invalidateAll();
            previous.clear();
            for (Flight flight : flights.values()) {
                flight.outdated = true;
            }
            flights.clear();
        }
    }

    /** After a matched request: remember a fresh 200 JSON read, set its ETag; wait for a write's changes. */
    void afterHandler(Context ctx) throws IOException {
        if (ctx.method() != HandlerType.GET) {
            if (enabled && ctx.statusCode() < 400 && ctx.method() != HandlerType.HEAD
                    && ctx.method() != HandlerType.OPTIONS) {
                changes.awaitChangesSoFar();   // with the cache off, no answer can be stale
            }
            return;
        }
        Flight flight = ctx.attribute(FLIGHT_ATTRIBUTE);
        Entry computed = null;
        try {
            computed = render(ctx);
        } finally {
            if (flight != null) {
                land(flight, computed);
            }
        }
    }

    /** Sets the ETag of a 200 JSON read and answers it (or 304); the rendered entry, else null. */
    private Entry render(Context ctx) throws IOException {
        String contentType = ctx.res().getContentType();
        if (ctx.attribute(READ_ATTRIBUTE) == null || ctx.statusCode() != 200 || contentType == null
                || !contentType.startsWith(JSON) || ctx.res().getHeader("ETag") != null) {
            return null;
        }
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return null;
        }
        byte[] body = result.readAllBytes();
        String etag = etag(body);
        respond(ctx, body, etag, contentType);
        return new Entry(body, etag, contentType, new ReadDependencies.Answer(Routes.template(ctx),
                Map.copyOf(ctx.pathParamMap()), ctx.queryString(), ReadKeys.of(ctx)));
    }

    /** After every request (the request log): a computation that ended without its after-handler lands empty. */
    void requestDone(Context ctx) {
        Flight flight = ctx.attribute(FLIGHT_ATTRIBUTE);
        if (flight != null && !flight.done.isDone()) {
            land(flight, null);
        }
    }

    /** Keeps a computed answer unless a change reached it meanwhile; hands it to the waiting requests. */
    private void land(Flight flight, Entry computed) {
        synchronized (lock) {
            if (computed != null && !flight.outdated) {
                entries.put(flight.key, computed);
                previous.remove(flight.key);
            }
            flights.remove(flight.key, flight);
        }
        flight.done.complete(computed);
    }

    private static void respond(Context ctx, byte[] body, String etag, String contentType) {
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            ctx.status(304).result(new byte[0]);
            return;
        }
        ctx.status(200).contentType(contentType).result(body);
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String key(Context ctx) {
        return key(Auth.isReader(ctx), ctx.path(), ctx.queryString());
    }

    /**
     * Who is asking (anonymous or token reader), the raw path without a trailing slash and the
     * raw query: "/api/games/" and "/api/games" share an entry.
     */
    private static String key(boolean reader, String path, String query) {
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String who = reader ? "reader:" : "anonymous:";
        return query == null || query.isEmpty() ? who + path : who + path + "?" + query;
    }

    /**
     * A strong validator of {@code body}: its length and two different 32-bit CRCs (CRC-32C and
     * CRC-32, both computed by the processor's own instructions). An ETag only has to change when
     * the same URL's answer changes, against accidents, not an attacker (only the owner writes);
     * a SHA-256 of a list's 90 KB answer took a seventh of the CPU of computing it.
     */
    static String etag(byte[] body) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(body);
        CRC32 ieee = new CRC32();
        ieee.update(body);
        HexFormat hex = HexFormat.of();
        return "\"" + Integer.toHexString(body.length) + "-" + hex.toHexDigits((int) castagnoli.getValue())
                + hex.toHexDigits((int) ieee.getValue()) + "\"";
    }
}
