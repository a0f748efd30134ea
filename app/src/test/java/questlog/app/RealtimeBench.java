package questlog.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The realtime benchmark's client (run by app/bench/realtime.sh against a running server):
 * <ol>
 * <li>connects {@code --clients} Java-WebSocket clients to {@code /ws/questlog/};</li>
 * <li>creates {@code --events} games through {@code POST /api/games}, one at a time, and for each
 * measures the time from the HTTP response (and from the request) to the moment the last client
 * received that event;</li>
 * <li>disconnects them, imports {@code --replay} games in one {@code POST /api/import} (one
 * {@code questlog:game_added} each) and measures how long a client connecting with
 * {@code ?since=<id before the import>} takes to receive all of them, several times.</li>
 * </ol>
 * Prints {@code key=value} lines on stdout for the script.
 */
public final class RealtimeBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    private RealtimeBench(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = opts.getOrDefault("base", "http://127.0.0.1:7401");
        int clients = Integer.parseInt(opts.getOrDefault("clients", "1000"));
        int events = Integer.parseInt(opts.getOrDefault("events", "1000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "50"));
        int replay = Integer.parseInt(opts.getOrDefault("replay", "10000"));
        int replayRuns = Integer.parseInt(opts.getOrDefault("replay-runs", "5"));
        RealtimeBench bench = new RealtimeBench(base, opts.get("token"));
        long lastId = bench.fanOut(clients, warmup, events);
        bench.replay(lastId, replay, replayRuns);
        System.exit(0);
    }

    // ------------------------------------------------------------------------------ fan-out

    /** One event's delivery: how many clients still miss it, and when the last one got it. */
    private static final class Delivery {
        final CountDownLatch pending;
        final AtomicLong lastNanos = new AtomicLong();

        Delivery(int clients) {
            pending = new CountDownLatch(clients);
        }
    }

    /** Returns the id of the last event written. */
    private long fanOut(int clients, int warmup, int events) throws Exception {
        int total = warmup + events;
        Delivery[] deliveries = new Delivery[total];
        for (int i = 0; i < total; i++) {
            deliveries[i] = new Delivery(clients);
        }
        long connectStart = System.nanoTime();
        CountDownLatch opened = new CountDownLatch(clients);
        AtomicInteger failed = new AtomicInteger();
        List<Counter> sockets = new ArrayList<>();
        String ws = base.replaceFirst("^http", "ws") + App.EVENTS_SOCKET + "/";
        for (int i = 0; i < clients; i++) {
            Counter c = new Counter(URI.create(ws), deliveries, opened, failed);
            c.setConnectionLostTimeout(0);
            c.connect();
            sockets.add(c);
            if (i % 50 == 49) {
                Thread.sleep(20); // do not flood the accept queue
            }
        }
        if (!opened.await(180, TimeUnit.SECONDS) || failed.get() > 0) {
            throw new IllegalStateException("only " + (clients - opened.getCount()) + " of " + clients
                    + " clients connected (" + failed.get() + " failed)");
        }
        long connectMs = (System.nanoTime() - connectStart) / 1_000_000;
        System.out.println("clients=" + clients);
        System.out.println("connect_all_ms=" + connectMs);
        // A socket receives the events dispatched after the server registered it (it asked for no
        // replay), which can be a little after its handshake completed: wait until all are counted.
        long registeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (registered() < clients) {
            if (System.nanoTime() > registeredBy) {
                throw new IllegalStateException("the server registered only " + registered() + " of " + clients + " sockets");
            }
            Thread.sleep(100);
        }

        long[] fromResponse = new long[events];
        long[] fromRequest = new long[events];
        for (int i = 0; i < total; i++) {
            long requestAt = System.nanoTime();
            HttpResponse<String> response = post("/api/games", "{\"name\": \"Realtime bench " + System.nanoTime() + "\"}");
            long responseAt = System.nanoTime();
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/games answered " + response.statusCode() + ": " + response.body());
            }
            if (!deliveries[i].pending.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event " + i + " reached only " + (clients - deliveries[i].pending.getCount())
                        + " of " + clients + " clients within 30 s");
            }
            if (i >= warmup) {
                fromResponse[i - warmup] = deliveries[i].lastNanos.get() - responseAt;
                fromRequest[i - warmup] = deliveries[i].lastNanos.get() - requestAt;
            }
        }
        long lastId = sockets.getFirst().lastId;
        for (Counter c : sockets) {
            if (c.duplicates.get() > 0 || c.outOfOrder.get() > 0 || c.lastId != lastId) {
                throw new IllegalStateException("a client saw duplicates, out-of-order ids or missed the last event");
            }
        }
        System.out.println("events=" + events);
        report("latency_from_response", fromResponse);
        report("latency_from_request", fromRequest);
        sockets.forEach(c -> c.finished = true);
        Thread[] closers = sockets.stream().map(c -> Thread.ofVirtual().start(() -> {
            try {
                c.closeBlocking();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).toArray(Thread[]::new);
        for (Thread t : closers) {
            t.join();
        }
        return lastId;
    }

    /** Counts a client's messages; the n-th message of every client is the n-th event written. */
    private static final class Counter extends WebSocketClient {
        private final Delivery[] deliveries;
        private final CountDownLatch opened;
        private final AtomicInteger failed;
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        private int received;
        volatile long lastId;

        Counter(URI uri, Delivery[] deliveries, CountDownLatch opened, AtomicInteger failed) {
            super(uri);
            this.deliveries = deliveries;
            this.opened = opened;
            this.failed = failed;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened.countDown();
        }

        @Override
        public void onMessage(String message) {
            long now = System.nanoTime();
            long id = id(message);
            if (id == lastId) {
                duplicates.incrementAndGet();
                return;
            }
            if (id < lastId) {
                outOfOrder.incrementAndGet();
            }
            lastId = id;
            if (received < deliveries.length) {
                Delivery d = deliveries[received++];
                d.lastNanos.accumulateAndGet(now, Math::max);
                d.pending.countDown();
            }
        }

        volatile boolean finished;

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (opened.getCount() > 0 && remote) {
                failed.incrementAndGet();
                opened.countDown();
            }
            if (!finished) {
                System.err.println("client closed early after " + received + " events: " + code + " " + reason
                        + (remote ? " (by the server)" : ""));
            }
        }

        @Override
        public void onError(Exception ex) {}
    }

    // ------------------------------------------------------------------------------ replay

    private void replay(long before, int count, int runs) throws Exception {
        StringBuilder works = new StringBuilder("{\"works\": [");
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < count; i++) {
            works.append(i == 0 ? "" : ",").append("{\"name\": \"Replay bench ").append(stamp).append(' ').append(i)
                    .append("\", \"original_release_year\": ").append(1985 + i % 40).append('}');
        }
        works.append("]}");
        long importStart = System.nanoTime();
        HttpResponse<String> imported = post("/api/import", works.toString());
        if (imported.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /api/import answered " + imported.statusCode() + ": " + imported.body());
        }
        System.out.println("import_" + count + "_ms=" + (System.nanoTime() - importStart) / 1_000_000);
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicInteger got = new AtomicInteger();
            AtomicLong doneAt = new AtomicLong();
            AtomicLong last = new AtomicLong(before);
            AtomicInteger gaps = new AtomicInteger();
            String ws = base.replaceFirst("^http", "ws") + App.EVENTS_SOCKET + "/?since=" + before;
            long start = System.nanoTime();
            WebSocketClient client = new WebSocketClient(URI.create(ws)) {
                @Override
                public void onOpen(ServerHandshake handshake) {}

                @Override
                public void onMessage(String message) {
                    long id = id(message);
                    if (id != last.get() + 1) {
                        gaps.incrementAndGet();
                    }
                    last.set(id);
                    if (got.incrementAndGet() == count) {
                        doneAt.set(System.nanoTime());
                        done.countDown();
                    }
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {}

                @Override
                public void onError(Exception ex) {}
            };
            client.setConnectionLostTimeout(0);
            client.connect();
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replay got " + got.get() + " of " + count + " events in 60 s");
            }
            times[run] = doneAt.get() - start;
            client.closeBlocking();
            if (gaps.get() > 0 || last.get() != before + count) {
                throw new IllegalStateException("replay was not contiguous: " + gaps.get() + " gaps, last id " + last.get());
            }
        }
        System.out.println("replay_events=" + count);
        System.out.println("replay_runs_ms=" + String.join(",", Arrays.stream(times)
                .mapToObj(t -> String.format(Locale.ROOT, "%.0f", t / 1e6)).toList()));
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "replay_median_ms=%.0f", sorted[runs / 2] / 1e6));
        System.out.println(String.format(Locale.ROOT, "replay_max_ms=%.0f", sorted[runs - 1] / 1e6));
    }

    // ------------------------------------------------------------------------------ helpers

    /** questlog_websocket_clients from /metrics. */
    private int registered() {
        for (String line : get("/metrics").body().lines().toList()) {
            if (line.startsWith("questlog_websocket_clients ")) {
                return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        throw new IllegalStateException("/metrics has no questlog_websocket_clients");
    }

    private static long id(String envelope) {
        // {"id":123,...}: the envelope starts with its id
        int start = envelope.indexOf(':') + 1;
        int end = envelope.indexOf(',', start);
        return Long.parseLong(envelope.substring(start, end).strip());
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "%s_p50_ms=%.1f", name, percentile(sorted, 50) / 1e6));
        System.out.println(String.format(Locale.ROOT, "%s_p90_ms=%.1f", name, percentile(sorted, 90) / 1e6));
        System.out.println(String.format(Locale.ROOT, "%s_p99_ms=%.1f", name, percentile(sorted, 99) / 1e6));
        System.out.println(String.format(Locale.ROOT, "%s_max_ms=%.1f", name, sorted[sorted.length - 1] / 1e6));
        System.out.println(String.format(Locale.ROOT, "%s_min_ms=%.1f", name, sorted[0] / 1e6));
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
