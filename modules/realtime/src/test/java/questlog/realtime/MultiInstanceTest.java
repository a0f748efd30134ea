package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestRedis;

/**
 * Two instances on two ports, one database, one Redis: 1,000 writes spread over both reach a
 * client on each instance once each, in id order, and Redis once each.
 */
class MultiInstanceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static String channel = TestRedis.channel();
    static RealtimeServer a;
    static RealtimeServer b;
    static RedisSubscriber subscriber;

    @BeforeAll
    static void start() {
        subscriber = new RedisSubscriber(TestRedis.url(), channel);
        a = new RealtimeServer(db, RealtimeServer.fast().withRedis(TestRedis.url(), channel));
        b = new RealtimeServer(db, RealtimeServer.fast().withRedis(TestRedis.url(), channel));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        subscriber.close();
    }

    @Test
    void everyClientSeesEveryWriteOnceInOrderWhicheverInstanceTookIt() throws Exception {
        assertThat(a.app.port()).isNotEqualTo(b.app.port());
        StreamClient onA = StreamClient.open(a.wsUrl(""));
        StreamClient onB = StreamClient.open(b.wsUrl(""));
        try {
            List<Long> written = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> viaA = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    written.add(a.append(EventTypes.SYNC_PROGRESS, Map.of("instance", "a", "n", i)));
                }
            });
            CompletableFuture<Void> viaB = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    written.add(b.append(EventTypes.SYNC_PROGRESS, Map.of("instance", "b", "n", i)));
                }
            });
            CompletableFuture.allOf(viaA, viaB).get();
            List<Long> expected = written.stream().sorted().toList();
            assertThat(expected).hasSize(1000).doesNotHaveDuplicates();

            assertThat(onA.ids(1000, Duration.ofSeconds(60))).containsExactlyElementsOf(expected);
            assertThat(onB.ids(1000, Duration.ofSeconds(60))).containsExactlyElementsOf(expected);
            List<Long> published = subscriber.take(1000, Duration.ofSeconds(60)).stream().map(RedisRelayTest::id).toList();
            assertThat(published).containsExactlyElementsOf(expected);

            assertThat(onA.ids(1, Duration.ofMillis(500))).isEmpty();
            assertThat(onB.ids(1, Duration.ofMillis(1))).isEmpty();
            assertThat(subscriber.take(1, Duration.ofMillis(1))).as("Redis got no event twice").isEmpty();
        } finally {
            onA.shut();
            onB.shut();
        }
    }
}
