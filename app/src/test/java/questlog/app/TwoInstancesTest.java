package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestRedis;

/**
 * Two app instances on two ports, one database and one Redis, as behind a load balancer:
 * 1,000 games created through the HTTP API, spread over both, reach a WebSocket client on each
 * instance once each and in id order, and are published to Redis once each.
 */
@Isolated("two app instances hold twice the connections; run alone so the suite stays within PostgreSQL's connection limit")
class TwoInstancesTest {
    static final String CHANNEL = TestRedis.channel();
    static final Map<String, String> ENV = Map.of("REDIS_URL", TestRedis.url(), "REDIS_CHANNEL", CHANNEL);

    @RegisterExtension
    @Order(1)
    static final TestApp a = new TestApp(ENV);

    @RegisterExtension
    @Order(2)
    static final TestApp b = TestApp.sharingDatabaseWith(a, ENV);

    @Test
    void everyWriteReachesAClientOnEachInstanceOnceInOrderAndRedisOnce() throws Exception {
        assertThat(a.baseUrl()).isNotEqualTo(b.baseUrl());
        RedisClient redis = RedisClient.create(TestRedis.url());
        StatefulRedisPubSubConnection<String, String> subscription = redis.connectPubSub();
        BlockingQueue<String> published = new LinkedBlockingQueue<>();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                published.add(message);
            }
        });
        subscription.sync().subscribe(CHANNEL);
        StreamClient onA = StreamClient.attempt(a.wsUrl(""), Map.of());
        StreamClient onB = StreamClient.attempt(b.wsUrl(""), Map.of());
        try {
            assertThat(onA.opened).isTrue();
            assertThat(onB.opened).isTrue();
            CompletableFuture<Void> viaA = CompletableFuture.runAsync(() -> create(a, "a", 500));
            CompletableFuture<Void> viaB = CompletableFuture.runAsync(() -> create(b, "b", 500));
            CompletableFuture.allOf(viaA, viaB).get(5, TimeUnit.MINUTES);

            List<Long> logged = new ArrayList<>();
            String next = "/api/events?types=questlog:game_added&limit=5000";
            JsonNode page = a.get(next).json();
            page.get("items").forEach(item -> logged.add(item.get("id").asLong()));
            assertThat(logged).hasSize(1000).isSorted().doesNotHaveDuplicates();

            List<JsonNode> seenOnA = onA.take(1000, Duration.ofSeconds(60));
            List<JsonNode> seenOnB = onB.take(1000, Duration.ofSeconds(60));
            assertThat(seenOnA).extracting(n -> n.get("id").asLong()).containsExactlyElementsOf(logged);
            assertThat(seenOnB).extracting(n -> n.get("id").asLong()).containsExactlyElementsOf(logged);
            assertThat(seenOnA.stream().map(n -> n.at("/payload/game").asText()).distinct()).hasSize(1000);

            List<Long> fromRedis = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (fromRedis.size() < 1000 && System.nanoTime() < deadline) {
                String message = published.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    fromRedis.add(TestApp.JSON.readTree(message).get("id").asLong());
                }
            }
            assertThat(fromRedis).containsExactlyElementsOf(logged);

            assertThat(onA.take(1, Duration.ofMillis(500))).isEmpty();
            assertThat(onB.take(1, Duration.ofMillis(1))).isEmpty();
            assertThat(published.poll(1, TimeUnit.MILLISECONDS)).as("nothing published twice").isNull();
        } finally {
            onA.shut();
            onB.shut();
            subscription.close();
            redis.shutdown();
        }
    }

    static void create(TestApp app, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            var response = app.post("/api/games", Map.of("name", "Game " + prefix + "-" + i));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }
}
