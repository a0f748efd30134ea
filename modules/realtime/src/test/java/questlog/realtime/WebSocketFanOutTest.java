package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;

/**
 * The fan-out: dispatch writes each event to the sockets that keep up itself, split among a few
 * threads when there are many sockets, and hands a socket that cannot take more to its writer.
 * Here the split starts at 3 sockets per thread, so a dozen clients exercise it; a stalled reader
 * and a slow one (its socket takes frames, then refuses them, again and again) must get the same
 * events in the same order as the others, never one overtaking another between the two paths.
 */
class WebSocketFanOutTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyClientGetsEveryEventOnceAndInOrderWhileOneStallsAndOneReadsSlowly() throws Exception {
        RealtimeModule.Settings f = RealtimeServer.fast();
        // The default queue of 1,000 events: the slow and the stalled readers stay on it, off the log.
        try (RealtimeServer server = new RealtimeServer(db, f.withWebSocket(Duration.ofSeconds(60), 1000, Duration.ofSeconds(60)))) {
            server.module.webSocketHub().splitFrom(3);
            List<StreamClient> clients = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                clients.add(WebSocketBackpressureTest.connect(server));
            }
            CountDownLatch stalled = new CountDownLatch(1);
            StreamClient slow = WebSocketBackpressureTest.connect(server);
            slow.stall = stalled;
            StreamClient slower = WebSocketBackpressureTest.connect(server);
            slower.readDelayMs = 3;
            try {
                // 6.4 MB in all: more than the stalled socket's buffers hold, so its frames stop being written.
                String blob = "z".repeat(64 * 1024);
                long first = server.append(EventTypes.SYNC_PROGRESS, Map.of("blob", blob));
                for (int i = 1; i < 100; i++) {
                    server.append(EventTypes.SYNC_PROGRESS, Map.of("blob", blob));
                }
                List<Long> expected = LongStream.range(first, first + 100).boxed().toList();
                for (StreamClient client : clients) {
                    assertThat(client.ids(100, WAIT)).as("a reader that keeps up").isEqualTo(expected);
                }
                assertThat(slower.ids(100, WAIT)).as("the slow reader").isEqualTo(expected);
                stalled.countDown();
                assertThat(slow.ids(100, WAIT)).as("the stalled reader, once it reads again").isEqualTo(expected);

                // Everyone back on the direct path: one more event reaches all, the stalled one included.
                long after = server.append(EventTypes.GAME_ADDED, Map.of("game", "after-the-stall"));
                for (StreamClient client : clients) {
                    assertThat(client.ids(1, WAIT)).containsExactly(after);
                }
                assertThat(slow.ids(1, WAIT)).containsExactly(after);
                assertThat(slower.ids(1, WAIT)).containsExactly(after);
                assertThat(slow.isOpen()).isTrue();
            } finally {
                stalled.countDown();
                clients.forEach(StreamClient::shut);
                slow.shut();
                slower.shut();
            }
        }
    }
}
