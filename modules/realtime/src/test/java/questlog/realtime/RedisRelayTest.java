package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestRedis;

/** Publishing to a real Redis: the subscriber gets the very text WebSocket clients get. */
class RedisRelayTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);

    static String channel = TestRedis.channel();
    static RealtimeServer server;
    static RedisSubscriber subscriber;

    @BeforeAll
    static void start() {
        subscriber = new RedisSubscriber(TestRedis.url(), channel);
        server = new RealtimeServer(db, RealtimeServer.fast().withRedis(TestRedis.url(), channel));
    }

    @AfterAll
    static void stop() {
        server.close();
        subscriber.close();
    }

    @Test
    void subscriberReceivesTheExactEnvelopeTheWebSocketSends() throws Exception {
        StreamClient client = StreamClient.open(server.wsUrl(""));
        try {
            long id = server.append(EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "final-fantasy-vii-rebirth",
                    "work", "Final Fantasy VII Rebirth", "edition", "PS5", "platform", "PlayStation 5",
                    "playtime_hours", 87, "rating", 9));
            List<String> published = subscriber.take(1, WAIT);
            String sent = client.messages.poll(10, TimeUnit.SECONDS);
            assertThat(published).hasSize(1);
            assertThat(published.getFirst()).isEqualTo(sent);
            var envelope = TestJson.MAPPER.readTree(published.getFirst());
            assertThat(envelope.get("id").asLong()).isEqualTo(id);
            assertThat(envelope.get("type").asText()).isEqualTo("questlog:playthrough_complete");
            assertThat(envelope.get("payload")).isEqualTo(TestJson.MAPPER.readTree("""
                    {"game": "final-fantasy-vii-rebirth", "work": "Final Fantasy VII Rebirth", "edition": "PS5",
                     "platform": "PlayStation 5", "playtime_hours": 87, "rating": 9}"""));
            assertThat(envelope.get("timestamp").asText()).endsWith("Z");
            assertThat(server.module.redisConnected()).contains(true);
        } finally {
            client.shut();
        }
    }

    @Test
    void manyEventsArriveOnceEachInIdOrder() throws Exception {
        subscriber.messages.clear();
        long first = server.append(EventTypes.SYNC_PROGRESS, Map.of("n", 0));
        for (int i = 1; i < 200; i++) {
            server.append(EventTypes.SYNC_PROGRESS, Map.of("n", i));
        }
        List<Long> ids = subscriber.take(200, WAIT).stream().map(RedisRelayTest::id).toList();
        assertThat(ids).hasSize(200).isSorted().doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo(first);
        assertThat(subscriber.take(1, Duration.ofMillis(300))).isEmpty();
    }

    static long id(String envelope) {
        try {
            return TestJson.MAPPER.readTree(envelope).get("id").asLong();
        } catch (Exception e) {
            throw new AssertionError(envelope, e);
        }
    }
}
