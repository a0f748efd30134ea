package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;
import questlog.common.Json;

/**
 * The read cache on a small app whose one read route lists franchises straight from the
 * database, and whose one write route adds one. Writes made behind the app's back (another
 * instance, the CLI) arrive through LISTEN/NOTIFY.
 */
class ResponseCacheTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final HttpClient http = HttpClient.newHttpClient();
    static final AtomicInteger computed = new AtomicInteger();
    static final AtomicInteger gameReads = new AtomicInteger();
    static final AtomicInteger listReads = new AtomicInteger();
    static Jdbi jdbi;
    static ChangeFeed changes;
    static Javalin cached;
    static Javalin uncached;

    @BeforeAll
    static void start() throws Exception {
        jdbi = Jdbi.create(db.dataSource());
        changes = new ChangeFeed(db.url(), jdbi).start();
        cached = app(true);
        uncached = app(false);
        for (int i = 0; i < 100 && !changes.isLive(); i++) {
            Thread.sleep(20);
        }
        assertThat(changes.isLive()).isTrue();
    }

    @AfterAll
    static void stop() {
        cached.stop();
        uncached.stop();
        changes.close();
    }

    static Javalin app(boolean enabled) {
        var cache = new ResponseCache(changes, new AppConfig.CacheConfig(enabled, 1 << 20), java.util.List.of("/api/jobs"));
        var problems = new ProblemMappers(Json.objectMapper());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            problems.register(config);
            config.routes.beforeMatched(cache::serveCached);
            config.routes.afterMatched(cache::afterHandler);
            config.routes.get("/api/franchises", ctx -> {
                computed.incrementAndGet();
                ctx.json(Map.of("names", names()));
            });
            config.routes.get("/api/games", ctx -> {
                listReads.incrementAndGet();
                List<String> slugs = jdbi.withHandle(h -> h.createQuery(
                        "SELECT slug FROM game WHERE slug LIKE 'page-%' ORDER BY name LIMIT 2").mapTo(String.class).list());
                questlog.common.ReadKeys.showsGames(ctx, slugs);
                ctx.json(Map.of("slugs", slugs));
            });
            config.routes.get("/api/games/{slug}", ctx -> {
                gameReads.incrementAndGet();
                String name = jdbi.withHandle(h -> h.createQuery("SELECT name FROM game WHERE slug = :slug")
                        .bind("slug", ctx.pathParam("slug")).mapTo(String.class).findOne()).orElse(null);
                if (name == null) {
                    ctx.status(404);
                    return;
                }
                if (ctx.queryParam("slow") != null) {
                    Thread.sleep(300);
                }
                ctx.json(Map.of("name", name));
            });
            config.routes.post("/api/franchises/{slug}", ctx -> {
                insert(ctx.pathParam("slug"));
                ctx.status(201);
            });
        }).start("127.0.0.1", 0);
    }

    static List<String> names() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM franchise ORDER BY name").mapTo(String.class).list());
    }

    static void insert(String slug) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO franchise (name, slug) VALUES (:slug, :slug)").bind("slug", slug).execute());
    }

    /**
     * A local write moves the version at once and again when its NOTIFY arrives a moment later;
     * wait for that before counting cache hits.
     */
    static void awaitQuiet() throws InterruptedException {
        long last = changes.version();
        long quietSince = System.nanoTime();
        long deadline = quietSince + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofMillis(300).toNanos()) {
            Thread.sleep(20);
            long now = changes.version();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    static HttpResponse<String> send(Javalin app, String method, String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void repeatedReadsAreServedFromMemoryUntilALocalWrite() throws Exception {
        send(cached, "POST", "/api/franchises/zelda");
        awaitQuiet();
        var first = send(cached, "GET", "/api/franchises");
        int before = computed.get();
        var second = send(cached, "GET", "/api/franchises/");
        assertThat(computed.get()).isEqualTo(before);
        assertThat(second.body()).isEqualTo(first.body()).contains("zelda");
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        send(cached, "POST", "/api/franchises/mana");
        var third = send(cached, "GET", "/api/franchises");
        assertThat(third.body()).contains("mana");
        assertThat(computed.get()).isEqualTo(before + 1);
    }

    @Test
    void writesFromElsewhereInvalidateThroughTheDatabase() throws Exception {
        var first = send(cached, "GET", "/api/franchises");
        insert("written-by-another-instance");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body = first.body();
        while (!body.contains("written-by-another-instance") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            body = send(cached, "GET", "/api/franchises").body();
        }
        assertThat(body).contains("written-by-another-instance");
    }

    @Test
    void cachedAndComputedPathsGiveIdenticalBytesAndEtags() throws Exception {
        insert("kingdom-hearts");
        awaitQuiet();
        var warm = send(cached, "GET", "/api/franchises");
        var hit = send(cached, "GET", "/api/franchises");
        var computedOnly = send(uncached, "GET", "/api/franchises");
        assertThat(hit.body()).isEqualTo(warm.body()).isEqualTo(computedOnly.body());
        assertThat(hit.headers().firstValue("ETag")).isEqualTo(computedOnly.headers().firstValue("ETag"));
        assertThat(hit.headers().firstValue("Content-Type")).isEqualTo(computedOnly.headers().firstValue("Content-Type"));
    }

    @Test
    void matchingEtagsGet304OnBothPaths() throws Exception {
        for (Javalin app : List.of(cached, uncached)) {
            var first = send(app, "GET", "/api/franchises");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]{16}\"");
            var notModified = send(app, "GET", "/api/franchises", "If-None-Match", etag);
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            var stale = send(app, "GET", "/api/franchises", "If-None-Match", "\"0000\"");
            assertThat(stale.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theUncachedPathsAndWhatIsBelowThemAreNeverKept() {
        var cache = new ResponseCache(changes, new AppConfig.CacheConfig(false, 1 << 20), List.of("/api/jobs"));
        assertThat(cache.cacheable("/api/jobs")).isFalse();
        assertThat(cache.cacheable("/api/jobs/")).isFalse();
        assertThat(cache.cacheable("/api/jobs/42")).isFalse();
        assertThat(cache.cacheable("/api//jobs")).as("the router reads // as /").isFalse();
        assertThat(cache.cacheable("//api///jobs/42")).isFalse();
        assertThat(cache.cacheable("/api/jobsearch")).isTrue();
        assertThat(cache.cacheable("/api/job")).isTrue();
        assertThat(cache.cacheable("/api/games")).isTrue();
    }

    @Test
    void anEtagChangesWithAnyByteOfTheBody() {
        byte[] body = "{\"name\":\"Hades\",\"year\":2020}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String tag = ResponseCache.etag(body);
        assertThat(ResponseCache.etag(body.clone())).isEqualTo(tag);
        for (int i = 0; i < body.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = body.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThat(ResponseCache.etag(changed)).as("byte %d, bit %d", i, bit).isNotEqualTo(tag);
            }
        }
        // Two bytes swapped, the same bytes in another order (a reordered list): another tag too.
        byte[] swapped = body.clone();
        swapped[2] = body[3];
        swapped[3] = body[2];
        assertThat(ResponseCache.etag(swapped)).isNotEqualTo(tag);
    }

    @Test
    void queryStringsAreSeparateEntries() throws Exception {
        awaitQuiet();
        var a = send(cached, "GET", "/api/franchises?x=1");
        int before = computed.get();
        send(cached, "GET", "/api/franchises?x=2");
        assertThat(computed.get()).isEqualTo(before + 1);
        assertThat(a.statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeToOneGameDropsOnlyThatGamesDetail() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (name, slug) VALUES ('Hades', 'hades'), ('Celeste', 'celeste')"));
        awaitQuiet();
        send(cached, "GET", "/api/games/hades");
        send(cached, "GET", "/api/games/celeste");
        int before = gameReads.get();

        jdbi.useHandle(h -> h.execute("UPDATE game SET name = 'Hades II' WHERE slug = 'hades'"));
        awaitQuiet();
        assertThat(send(cached, "GET", "/api/games/celeste").body()).contains("Celeste");
        assertThat(gameReads.get()).as("the other game's detail stays cached").isEqualTo(before);
        assertThat(send(cached, "GET", "/api/games/hades").body()).contains("Hades II");
        assertThat(gameReads.get()).isEqualTo(before + 1);
    }

    @Test
    void concurrentMissesOfOneAnswerComputeItOnce() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (name, slug) VALUES ('Okami', 'okami')"));
        awaitQuiet();
        int before = gameReads.get();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> send(cached, "GET", "/api/games/okami?slow=1")));
            }
            for (var answer : answers) {
                assertThat(answer.get().body()).contains("Okami");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(gameReads.get()).isEqualTo(before + 1);
    }

    @Test
    void aChangeDuringAComputationKeepsItsAnswerOutOfTheCache() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (name, slug) VALUES ('Braid', 'braid')"));
        awaitQuiet();
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var slow = pool.submit(() -> send(cached, "GET", "/api/games/braid?slow=1"));
            Thread.sleep(100);
            jdbi.useHandle(h -> h.execute("UPDATE game SET name = 'Braid Anniversary' WHERE slug = 'braid'"));
            slow.get();
        } finally {
            pool.shutdown();
        }
        awaitQuiet();
        assertThat(send(cached, "GET", "/api/games/braid?slow=1").body()).contains("Braid Anniversary");
    }

    @Test
    void aListingPageIsDroppedByChangesToItsGamesOrToWhatOrdersItNotByOthers() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (name, slug) VALUES ('A', 'page-a'), ('B', 'page-b'), ('C', 'page-c')"));
        awaitQuiet();
        assertThat(send(cached, "GET", "/api/games").body()).contains("page-a", "page-b").doesNotContain("page-c");
        int before = listReads.get();

        jdbi.useHandle(h -> h.execute("UPDATE game SET cover_url = 'https://example.org/c.jpg' WHERE slug = 'page-c'"));
        awaitQuiet();
        send(cached, "GET", "/api/games");
        assertThat(listReads.get()).as("a game not on the page changed what only its own row shows").isEqualTo(before);

        jdbi.useHandle(h -> h.execute("UPDATE game SET cover_url = 'https://example.org/b.jpg' WHERE slug = 'page-b'"));
        awaitQuiet();
        send(cached, "GET", "/api/games");
        assertThat(listReads.get()).as("a game on the page changed").isEqualTo(before + 1);

        jdbi.useHandle(h -> h.execute("UPDATE game SET name = '0 C' WHERE slug = 'page-c'"));
        awaitQuiet();
        assertThat(send(cached, "GET", "/api/games").body()).as("a rename reorders").contains("page-c", "page-a");
        assertThat(listReads.get()).isEqualTo(before + 2);
    }
}
