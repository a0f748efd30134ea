package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;

/**
 * Heartbeats and bounds: pings go out every interval, a peer that stops answering them is
 * dropped, a burst larger than a client's queue is served from the log instead, and a reader
 * that cannot keep up is closed with a reason instead of being buffered for. Pings every 200 ms,
 * a 20-event queue and a 2-second slow-client timeout here, so the test is quick.
 */
class WebSocketBackpressureTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Pings every 200 ms. */
    static RealtimeServer server;
    /** Pings rarely (a stalled reader cannot answer pings either), queue of 20 events, slow after 2 s. */
    static RealtimeServer bounded;

    @BeforeAll
    static void start() {
        RealtimeModule.Settings f = RealtimeServer.fast();
        server = new RealtimeServer(db, f.withWebSocket(Duration.ofMillis(200), f.clientQueueLimit(), f.slowClientTimeout()));
        bounded = new RealtimeServer(db, f.withWebSocket(Duration.ofSeconds(60), 20, Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        server.close();
        bounded.close();
    }

    /** Opens a client and waits until the server has registered it. */
    static StreamClient connect(RealtimeServer on) throws InterruptedException {
        int before = on.module.webSocketClients();
        StreamClient client = StreamClient.open(on.wsUrl(""));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (on.module.webSocketClients() <= before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(on.module.webSocketClients()).isGreaterThan(before);
        return client;
    }

    @Test
    void serverPingsAndKeepsClientsThatAnswer() throws Exception {
        StreamClient client = StreamClient.open(server.wsUrl(""));
        try {
            Thread.sleep(1200);
            assertThat(client.pings.get()).isGreaterThanOrEqualTo(3);
            assertThat(client.isOpen()).isTrue();
            long id = server.append(EventTypes.GAME_ADDED, Map.of("game", "still-here"));
            assertThat(client.ids(1, WAIT)).containsExactly(id);
        } finally {
            client.shut();
        }
    }

    @Test
    void aClientThatStopsAnsweringPingsIsDropped() throws Exception {
        StreamClient client = connect(server);
        int before = server.module.webSocketClients();
        client.answerPings = false;
        assertThat(client.awaitClose(WAIT)).as("dropped after a missed pong").isTrue();
        assertThat(client.pings.get()).isGreaterThanOrEqualTo(1);
        assertThat(server.module.webSocketClients()).isLessThan(before);
    }

    @Test
    void aClientThatCannotKeepUpIsClosedWithAReason() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        StreamClient slow = connect(bounded);
        slow.stall = stalled;
        int connected = bounded.module.webSocketClients();
        String big = "x".repeat(64 * 1024); // fills socket buffers quickly, so the server's queue must grow
        // Ends as soon as the client is let go; the long bound is for a loaded machine, where each write is slow.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int written = 0;
        while (bounded.module.webSocketClients() >= connected && System.nanoTime() < deadline) {
            bounded.append(EventTypes.SYNC_PROGRESS, Map.of("blob", big));
            written++;
            Thread.sleep(10);
        }
        assertThat(bounded.module.webSocketClients()).as("the slow client was let go after %d events", written)
                .isLessThan(connected);
        stalled.countDown();
        assertThat(slow.awaitClose(WAIT)).isTrue();
        assertThat(slow.closeCode).isEqualTo(1013);
        assertThat(slow.closeReason).contains("too slow").contains("since=");
    }

    @Test
    void aReaderSlowerThanTheStreamIsClosedOnceItStaysBehind() throws Exception {
        StreamClient slow = connect(bounded);
        slow.readDelayMs = 25; // about 40 events a second, while 100 a second are written
        int connected = bounded.module.webSocketClients();
        String big = "y".repeat(32 * 1024);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (bounded.module.webSocketClients() >= connected && System.nanoTime() < deadline) {
            bounded.append(EventTypes.SYNC_PROGRESS, Map.of("blob", big));
            Thread.sleep(10);
        }
        assertThat(bounded.module.webSocketClients()).isLessThan(connected);
        slow.readDelayMs = 0;
        assertThat(slow.awaitClose(WAIT)).isTrue();
        assertThat(slow.closeCode).isEqualTo(1013);
        assertThat(slow.closeReason).contains("still behind");
    }

    @Test
    void aBurstLargerThanTheQueueIsServedFromTheLogInOrder() throws Exception {
        StreamClient client = connect(bounded);
        try {
            long before = bounded.append(EventTypes.GAME_ADDED, Map.of("game", "before-the-burst"));
            assertThat(client.ids(1, WAIT)).containsExactly(before);
            List<Map<String, Object>> payloads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                payloads.add(Map.of("game", "imported-" + i));
            }
            bounded.jdbi.useTransaction(h -> bounded.module.eventLog().appendAll(h, EventTypes.GAME_ADDED, payloads));
            long after = bounded.append(EventTypes.GAME_ADDED, Map.of("game", "after-the-burst"));
            List<Long> ids = client.ids(301, WAIT);
            assertThat(ids).hasSize(301).isSorted().doesNotHaveDuplicates();
            assertThat(ids.getFirst()).isEqualTo(before + 1);
            assertThat(ids.getLast()).isEqualTo(after);
            assertThat(client.isOpen()).isTrue();
            long live = bounded.append(EventTypes.GAME_REMOVED, Map.of("game", "live-again"));
            assertThat(client.ids(1, WAIT)).containsExactly(live);
        } finally {
            client.shut();
        }
    }
}
