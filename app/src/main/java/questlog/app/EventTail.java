package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import questlog.common.Json;

/**
 * {@code questlog events tail}: prints the event stream, one JSON envelope per line, as it
 * arrives. After a dropped connection it reconnects with {@code since=<last id printed>}, so
 * nothing is missed or printed twice; it gives up only when the server refuses the request
 * (bad parameters, bad token).
 */
final class EventTail {
    private static final long MAX_BACKOFF_MS = 5000;

    private final String url;
    private final Long since;
    private final List<String> types;
    private final String token;
    private final Long count;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json = Json.objectMapper();
    // written by the socket's thread, read by run()
    private volatile Long lastId;
    private volatile long printed;

    EventTail(String url, Long since, List<String> types, String token, Long count, PrintWriter out, PrintWriter err) {
        this.url = url;
        this.since = since;
        this.types = types == null ? List.of() : types;
        this.token = token;
        this.count = count;
        this.out = out;
        this.err = err;
    }

    /** Runs until {@code count} events were printed (forever without one); returns the exit code. */
    int run() throws InterruptedException {
        long backoffMs = 250;
        while (true) {
            Connection connection = new Connection(uri(lastId != null ? lastId : since));
            connection.connectBlocking(10, TimeUnit.SECONDS);
            // Not connectBlocking's answer: a short stream can open, deliver and close before it returns.
            if (!connection.opened && !connection.refused()) {
                err.println("Cannot connect to " + url + "; retrying in " + backoffMs + " ms");
                err.flush();
            } else {
                if (connection.opened) {
                    backoffMs = 250;
                    if (printed == 0) {
                        err.println("Connected to " + url + (since == null ? "" : ", replaying after event " + since));
                        err.flush();
                    }
                }
                connection.closed.await();
                if (count != null && printed >= count) {
                    return 0;
                }
                if (connection.refused()) {
                    err.println("The server refused the stream: " + connection.why());
                    err.flush();
                    return 2;
                }
                err.println("Disconnected (" + connection.why() + "); resuming in " + backoffMs + " ms");
                err.flush();
            }
            connection.close();
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    URI uri(Long after) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        if (after != null) {
            sb.append(sep).append("since=").append(after);
            sep = '&';
        }
        if (!types.isEmpty()) {
            sb.append(sep).append("types=").append(URLEncoder.encode(String.join(",", types), StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token.strip());
        }
        return headers;
    }

    /** One connection attempt. */
    private final class Connection extends WebSocketClient {
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean opened;
        volatile int code;
        volatile String reason;

        Connection(URI uri) {
            super(uri, headers());
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened = true;
        }

        @Override
        public void onMessage(String message) {
            if (count != null && printed >= count) {
                return;
            }
            try {
                JsonNode envelope = json.readTree(message);
                if (envelope.hasNonNull("id")) {
                    lastId = envelope.get("id").asLong();
                }
            } catch (java.io.IOException e) {
                err.println("Ignoring a message that is not JSON: " + message);
            }
            out.println(message);
            out.flush();
            printed++;
            if (count != null && printed >= count) {
                close(1000, "done");
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            this.code = code;
            this.reason = reason;
            closed.countDown();
        }

        @Override
        public void onError(Exception e) {
            if (reason == null) {
                reason = e.getMessage();
            }
        }

        /** The server said no for good: a policy close (bad since/types) or a refused upgrade (401/403/404). */
        boolean refused() {
            String r = reason == null ? "" : reason;
            return code == 1008 || (!opened && (r.contains("401") || r.contains("403") || r.contains("404")));
        }

        String why() {
            return "code " + code + (reason == null || reason.isBlank() ? "" : ": " + reason);
        }
    }
}
