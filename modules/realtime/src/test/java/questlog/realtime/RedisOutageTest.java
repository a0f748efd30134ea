package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.RedisServerProcess;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestRedis;

/**
 * Redis goes away for ten seconds while 500 writes commit: WebSocket clients keep getting every
 * event meanwhile, and when Redis is back the backlog is published, all 500, in order.
 */
class RedisOutageTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static RedisServerProcess redis;
    static RealtimeServer server;
    static RedisSubscriber subscriber;
    static String channel = TestRedis.channel();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        subscriber = new RedisSubscriber(redis.url(), channel);
        server = new RealtimeServer(db, RealtimeServer.fast().withRedis(redis.url(), channel));
    }

    @AfterAll
    static void stop() {
        server.close();
        subscriber.close();
        redis.close();
    }

    @Test
    void everyEventWrittenWhileRedisIsDownIsPublishedInOrderWhenItReturns() throws Exception {
        StreamClient client = StreamClient.open(server.wsUrl(""));
        try {
            long warmup = server.append(EventTypes.GAME_ADDED, Map.of("game", "before-the-outage"));
            assertThat(subscriber.take(1, Duration.ofSeconds(30)).stream().map(RedisRelayTest::id)).containsExactly(warmup);
            assertThat(client.ids(1, Duration.ofSeconds(30))).containsExactly(warmup);

            long outageStarted = System.nanoTime();
            redis.stop();
            List<Long> written = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                written.add(server.append(EventTypes.SYNC_PROGRESS, Map.of("n", i)));
                if (i % 50 == 49) {
                    Thread.sleep(800); // spread the writes over the outage
                }
            }
            // The socket does not wait for Redis.
            assertThat(client.ids(500, Duration.ofSeconds(20))).containsExactlyElementsOf(written);
            assertThat(server.module.redisConnected()).contains(false);
            long elapsed = (System.nanoTime() - outageStarted) / 1_000_000;
            Thread.sleep(Math.max(0, 10_000 - elapsed));
            assertThat(subscriber.messages).isEmpty();

            redis.startAgain();
            List<Long> published = subscriber.take(500, Duration.ofSeconds(30)).stream().map(RedisRelayTest::id).toList();
            assertThat(published).containsExactlyElementsOf(written);
            assertThat(subscriber.take(1, Duration.ofMillis(500))).isEmpty();
            assertThat(server.module.redisConnected()).contains(true);

            long after = server.append(EventTypes.GAME_ADDED, Map.of("game", "after-the-outage"));
            assertThat(subscriber.take(1, Duration.ofSeconds(10)).stream().map(RedisRelayTest::id)).containsExactly(after);
        } finally {
            client.shut();
        }
    }
}
