package questlog.realtime;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lettuce connection that publishes envelopes. Commands are refused at once while the
 * connection is down (never buffered to be sent later, out of order), and time out after
 * {@code timeout}; Lettuce reconnects in the background with a delay capped at two seconds.
 */
final class RedisPublisher implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final Duration timeout;
    private volatile StatefulRedisConnection<String, String> connection;

    RedisPublisher(String url, Duration timeout) {
        this.timeout = timeout;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
    }

    boolean isConnected() {
        var c = connection;
        return c != null && c.isOpen();
    }

    /**
     * Publishes {@code messages} in order on {@code channel}. Returns how many, from the first,
     * Redis acknowledged; fewer than all means Redis failed at that one (the rest are cancelled).
     */
    int publish(String channel, List<String> messages) throws RedisUnavailableException {
        StatefulRedisConnection<String, String> c = connect();
        var async = c.async();
        List<RedisFuture<Long>> sent = new ArrayList<>(messages.size());
        for (String message : messages) {
            sent.add(async.publish(channel, message));
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                sent.subList(i, sent.size()).forEach(f -> f.cancel(false));
                if (i == 0) {
                    throw new RedisUnavailableException(describe(e));
                }
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sent.subList(i, sent.size()).forEach(f -> f.cancel(false));
                return i;
            }
        }
        return sent.size();
    }

    /** Opens the connection if there is none yet (Lettuce reconnects it afterwards); throws while Redis is unreachable. */
    void ensureConnected() throws RedisUnavailableException {
        connect();
    }

    private StatefulRedisConnection<String, String> connect() throws RedisUnavailableException {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    try {
                        c = client.connect();
                    } catch (RuntimeException e) {
                        throw new RedisUnavailableException(describe(e));
                    }
                    connection = c;
                }
            }
        }
        if (!c.isOpen()) {
            throw new RedisUnavailableException("not connected (reconnecting)");
        }
        return c;
    }

    private static String describe(Exception e) {
        Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        var c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Redis did not take the first message: it is down, unreachable or not answering. */
    static final class RedisUnavailableException extends Exception {
        RedisUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
