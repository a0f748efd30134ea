package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A Java-WebSocket consumer of the event stream (an implementation independent of the server's). */
final class StreamClient extends WebSocketClient {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile boolean opened;
    volatile int closeCode;
    volatile String closeReason;

    StreamClient(String url, Map<String, String> headers) {
        super(URI.create(url), headers);
        setConnectionLostTimeout(0);
    }

    /** Connects; {@link #opened} tells whether the upgrade was accepted. */
    static StreamClient connect(String url, Map<String, String> headers) {
        StreamClient client = new StreamClient(url, headers);
        try {
            client.connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return client;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        opened = true;
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}

    List<JsonNode> take(int count, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (out.size() < count) {
                long left = deadline - System.nanoTime();
                String m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                out.add(TestApp.JSON.readTree(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    List<Long> ids(int count, Duration timeout) {
        return take(count, timeout).stream().map(n -> n.get("id").asLong()).toList();
    }

    void shut() {
        try {
            closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
