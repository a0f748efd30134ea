package questlog.realtime;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Lettuce subscriber that keeps every message of one channel; reconnects (and resubscribes) fast. */
final class RedisSubscriber implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    RedisSubscriber(String url, String channel) {
        resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.constant(Duration.ofMillis(20))).build();
        client = RedisClient.create(resources, url);
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());
        connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                if (ch.equals(channel)) {
                    messages.add(message);
                }
            }
        });
        connection.sync().subscribe(channel);
    }

    /** Waits for {@code count} messages in all (including ones already taken); returns the new ones. */
    List<String> take(int count, Duration timeout) throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            String m = messages.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
