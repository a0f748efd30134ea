package questlog.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Rendered JSON of read routes, kept in memory while the data version is unchanged, plus the
 * ETag / If-None-Match handling of every read. An entry is tagged with the version read
 * <em>before</em> its handler ran, so a response computed across a concurrent write is never
 * served after that write. With the cache off every read is computed, yet ETags and bodies are
 * byte-for-byte the same. Readers with a token may see more than anonymous ones (private lists),
 * so the two kinds of caller have separate entries; every token holder sees the same data (it is
 * one person's journal), so they share theirs. Paths that modules name as uncached
 * ({@code /api/jobs}: a job's progress changes without any change event the version follows)
 * are never kept; they are always computed and still get ETags.
 */
final class ResponseCache {
    private static final String VERSION_ATTRIBUTE = "questlog.cacheVersion";
    private static final String JSON = "application/json";

    /** A rendered answer; {@code route} is its route template, for metrics of requests answered early. */
    record Entry(long version, byte[] body, String etag, String contentType, String route) {}

    private final ChangeFeed changes;
    private final Cache<String, Entry> entries;
    private final boolean enabled;
    private final List<String> uncached;
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    /** {@code uncached}: paths never kept, each covering itself and everything below it. */
    ResponseCache(ChangeFeed changes, AppConfig.CacheConfig config, List<String> uncached) {
        this.changes = changes;
        this.uncached = List.copyOf(uncached);
        this.enabled = config.enabled();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher((String key, Entry e) -> key.length() * 2 + e.body().length + 128)
                .build();
    }

    /** Before a matched GET: answer from the cache when possible. */
    void serveCached(Context ctx) {
        if (ctx.method() != HandlerType.GET || !ctx.path().startsWith("/api/")) {
            return;
        }
        long version = changes.version();
        ctx.attribute(VERSION_ATTRIBUTE, version);
        if (!enabled || !changes.isLive()) {
            return;
        }
        if (!cacheable(ctx.path())) {
            return;
        }
        Entry entry = fresh(key(ctx));
        if (entry != null) {
            hits.increment();
            respond(ctx, entry.body(), entry.etag(), entry.contentType());
            ctx.skipRemainingHandlers();
        } else {
            misses.increment();
        }
    }

    /**
     * The entry for an anonymous GET of this raw path and query, if it is still valid; used by
     * {@link CachedReadHandler} to answer before the router.
     */
    Entry freshForAnonymous(String path, String query) {
        Entry entry = enabled && cacheable(path) ? fresh(key(false, path, query)) : null;
        if (entry != null) {
            hits.increment();
        }
        return entry;
    }

    /** Reads answered from the cache (before or after routing). */
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
        String p = path.replaceAll("//+", "/");   // the router treats "//" as "/"
        for (String prefix : uncached) {
            if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                return false;
            }
        }
        return true;
    }

    private Entry fresh(String key) {
        if (!changes.isLive()) {
            return null;
        }
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.version() == changes.version() ? entry : null;
    }

    /** After a matched request: remember a fresh 200 JSON read, set its ETag; count writes as changes. */
    void afterHandler(Context ctx) throws IOException {
        if (ctx.method() != HandlerType.GET) {
            if (ctx.statusCode() < 400 && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS) {
                changes.changed();
            }
            return;
        }
        Long version = ctx.attribute(VERSION_ATTRIBUTE);
        String contentType = ctx.res().getContentType();
        if (version == null || ctx.statusCode() != 200 || contentType == null || !contentType.startsWith(JSON)
                || ctx.res().getHeader("ETag") != null) {
            return;
        }
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return;
        }
        byte[] body = result.readAllBytes();
        String etag = etag(body);
        if (enabled && cacheable(ctx.path())) {
            String route = Routes.template(ctx);
            entries.put(key(ctx), new Entry(version, body, etag, contentType, route));
        }
        respond(ctx, body, etag, contentType);
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

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
