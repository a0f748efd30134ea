package questlog.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A consumer of Questlog's event stream for tests, built on Java-WebSocket (a client
 * implementation independent of the server's Jetty). Keeps every text message; can stop
 * answering pings (a dead peer) or stall in its message handler (a slow reader).
 */
public final class StreamClient extends WebSocketClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    public final CountDownLatch closed = new CountDownLatch(1);
    public final AtomicInteger pings = new AtomicInteger();
    public volatile boolean opened;
    public volatile int closeCode;
    public volatile String closeReason;
    public volatile boolean answerPings = true;
    /** While set, each message waits for this latch before it is kept (a reader that stalls). */
    public volatile CountDownLatch stall;
    /** Milliseconds to spend on each message (a reader slower than the stream). */
    public volatile long readDelayMs;

    public StreamClient(String url, Map<String, String> headers) {
        super(URI.create(url), headers);
        setConnectionLostTimeout(0); // the server's heartbeat is under test, not the client's
    }

    /** Connects, and fails when the upgrade is refused. */
    public static StreamClient open(String url) {
        return open(url, Map.of());
    }

    /** Connects with these request headers, and fails when the upgrade is refused. */
    public static StreamClient open(String url, Map<String, String> headers) {
        StreamClient client = attempt(url, headers);
        if (!client.opened) {
            throw new IllegalStateException("could not connect to " + url + " (close " + client.closeCode + " "
                    + client.closeReason + ")");
        }
        return client;
    }

    /** Connects without insisting: {@link #opened} says whether the upgrade was accepted. */
    public static StreamClient attempt(String url) {
        return attempt(url, Map.of());
    }

    public static StreamClient attempt(String url, Map<String, String> headers) {
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
        if (readDelayMs > 0) {
            try {
                Thread.sleep(readDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CountDownLatch gate = stall;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        messages.add(message);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata frame) {
        pings.incrementAndGet();
        if (answerPings) {
            super.onWebsocketPing(conn, frame);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}

    /** The next {@code count} messages as JSON (fewer if the timeout passes first). */
    public List<JsonNode> take(int count, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (out.size() < count) {
                long left = deadline - System.nanoTime();
                String m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                out.add(JSON.readTree(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The ids of the next {@code count} messages. */
    public List<Long> ids(int count, Duration timeout) {
        return take(count, timeout).stream().map(n -> n.get("id").asLong()).toList();
    }

    public boolean awaitClose(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void shut() {
        try {
            closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
