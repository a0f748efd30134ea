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
import questlog.common.EventTypes;
import questlog.common.Json;

/**
 * {@code questlog events tail}: prints the event stream, one JSON envelope per line, as it
 * arrives. After a dropped connection it says why on stderr, reconnects with
 * {@code since=<last id printed>}, so nothing is missed or printed twice, and says so when it is
 * back; it gives up only when the server refuses the request (bad parameters, bad token, an
 * origin it does not accept). A {@code questlog:stream_reset} message (the server's log ends before
 * the position asked for: its database was restored or reset) is not printed as an event: a line
 * on stderr says where the log ends, and the stream goes on from there.
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
        boolean connectedBefore = false;
        while (true) {
            Long position = lastId != null ? lastId : since;
            Connection connection = new Connection(uri(position));
            connection.connectBlocking(10, TimeUnit.SECONDS);
            // Not connectBlocking's answer: a short stream can open, deliver and close before it returns.
            if (!connection.opened && !connection.refused()) {
                say("Cannot connect to " + url + " (" + (connection.reason == null ? "no answer" : connection.reason)
                        + "); retrying in " + backoffMs + " ms");
            } else {
                if (connection.opened) {
                    backoffMs = 250;
                    if (connectedBefore) {
                        say("Reconnected to " + url + (position == null ? "" : ", resuming after event " + position));
                    } else {
                        say("Connected to " + url + (since == null ? "" : ", replaying after event " + since));
                    }
                    connectedBefore = true;
                }
                connection.closed.await();
                if (count != null && printed >= count) {
                    return 0;
                }
                if (connection.refused()) {
                    say("The server refused the stream: " + connection.why());
                    return 2;
                }
                say("Disconnected: " + connection.why() + "; reconnecting in " + backoffMs + " ms");
            }
            connection.close();
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    private void say(String line) {
        err.println(line);
        err.flush();
    }

    /** The server's control message: where its log ends now; the stream goes on after that. */
    private void reset(JsonNode message) {
        JsonNode payload = message.path("payload");
        long latest = payload.path("latest_id").asLong();
        lastId = latest;
        say("The server's event log ends at event " + latest + ", before event "
                + payload.path("requested_since").asLong() + " asked for (its database was restored or reset); "
                + "continuing with the events after " + latest);
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
                if (EventTypes.STREAM_RESET.equals(envelope.path("type").asText()) && envelope.path("id").isNull()) {
                    reset(envelope);
                    return;
                }
                if (envelope.hasNonNull("id")) {
                    lastId = envelope.get("id").asLong();
                }
            } catch (java.io.IOException e) {
                say("Ignoring a message that is not JSON: " + message);
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

        /** What the close code means, then the code and the server's reason. */
        String why() {
            String meaning = switch (code) {
                case 1000 -> "closed normally";
                case 1001 -> "the server is going away";
                case 1006 -> "the connection was lost";
                case 1008 -> "the request was refused";
                case 1011 -> "the server had an error";
                case 1012 -> "the server is restarting";
                case 1013 -> "this client fell too far behind";
                default -> "closed";
            };
            return meaning + " (code " + code + (reason == null || reason.isBlank() ? "" : ", " + reason) + ")";
        }
    }
}
