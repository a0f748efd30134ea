package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anonymous cache hits answered in front of the router give the router's bytes and ETag, and
 * never reach a caller the router would refuse. (Only the early answer carries
 * {@code Vary: Origin} without an Origin in the request, which tells the two paths apart here.)
 */
class CachedReadHandlerTest {
    @RegisterExtension
    static final TestApp open = new TestApp();

    @RegisterExtension
    static final TestApp closed = new TestApp(Map.of("QUESTLOG_PRIVATE", "true"));

    @Test
    void aRepeatedAnonymousReadIsAnsweredEarlyWithTheSameBytes() {
        assertThat(open.post("/api/genres", Map.of("name", "Action RPG")).status()).isEqualTo(201);
        TestApp.Response first = awaitEarlyAnswer(open, "/api/genres");
        TestApp.Response second = open.get("/api/genres");
        assertThat(second.header("Vary")).isEqualTo("Origin");
        assertThat(second.body()).isEqualTo(first.body()).contains("action-rpg");
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(second.contentType()).isEqualTo("application/json");
        assertThat(second.header("X-Request-Id")).matches("[0-9a-f]{16}");

        TestApp.Response notModified = open.get("/api/genres", "If-None-Match", first.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.bytes()).isEmpty();
    }

    @Test
    void aWriteIsSeenByTheNextRead() {
        awaitEarlyAnswer(open, "/api/franchises");
        assertThat(open.post("/api/franchises", Map.of("name", "Mana")).status()).isEqualTo(201);
        assertThat(open.get("/api/franchises").body()).contains("\"mana\"");
    }

    @Test
    void callersWithCredentialsOrAnOriginGoThroughTheRouter() {
        awaitEarlyAnswer(open, "/api/works");
        TestApp.Response withOrigin = open.get("/api/works", "Origin", "https://site.example");
        assertThat(withOrigin.header("Access-Control-Allow-Origin")).isEqualTo("*");
        TestApp.Response withBadToken = open.get("/api/works", "Authorization", "Bearer nope");
        assertThat(withBadToken.status()).isEqualTo(200);
        assertThat(withBadToken.header("Vary")).isNull();
    }

    @Test
    void privateReadsStayClosedAfterAReaderFilledTheCache() {
        String auth = "Bearer " + closed.writeToken();
        for (int i = 0; i < 3; i++) {
            assertThat(closed.get("/api/genres", "Authorization", auth).status()).isEqualTo(200);
        }
        TestApp.Response anonymous = closed.get("/api/genres");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Unauthorized");
    }

    /**
     * A hit is answered on the thread that read the request (the handler, and so the server, is
     * non-blocking): with every worker thread of the server busy, a cached read still answers at
     * once, and a read the router computes is answered once a worker is free.
     */
    @Test
    void aHitIsAnsweredWhileEveryWorkerThreadIsBusy() throws Exception {
        TestApp.Response cached = awaitEarlyAnswer(open, "/api/editions");
        assertThat(open.jetty().getInvocationType()).isEqualTo(InvocationType.NON_BLOCKING);
        var pool = (QueuedThreadPool) open.jetty().getThreadPool();
        var release = new CountDownLatch(1);
        CompletableFuture<TestApp.Response> computed;
        try {
            for (int i = 0; i < pool.getMaxThreads(); i++) {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            for (int i = 0; i < 250 && pool.getQueueSize() == 0; i++) {
                Thread.sleep(20);
            }
            assertThat(pool.getQueueSize()).as("tasks waiting for a worker").isPositive();

            TestApp.Response hit = CompletableFuture.supplyAsync(() -> open.get("/api/editions"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(hit.status()).isEqualTo(200);
            assertThat(hit.body()).isEqualTo(cached.body());

            computed = CompletableFuture.supplyAsync(() -> open.get("/api/games?limit=7"));
        } finally {
            release.countDown();
        }
        assertThat(computed.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    /** Reads until the answer comes from the early path (the first read fills the cache; a
     * write's notification may move the version once more just after). */
    private static TestApp.Response awaitEarlyAnswer(TestApp app, String path) {
        TestApp.Response response = app.get(path);
        for (int i = 0; i < 100 && response.header("Vary") == null; i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            response = app.get(path);
        }
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Vary")).as("answered early").isEqualTo("Origin");
        return response;
    }
}
