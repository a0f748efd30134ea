package questlog.upstream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a raw {@link ServerSocket}, for what a polite mock server will not do:
 * answer {@code Connection: keep-alive} and then close the connection anyway (as HTTP/1.0 proxies
 * do), or close connections that idled for a while. Answers come from a queue, then a default 200.
 *
 * <p>When it closes a connection after an answer it first only shuts its own side and keeps
 * listening a moment: a request the client then writes to that connection is counted as
 * {@link #discarded()} and never answered, which is what a closed connection does to it, while the
 * test can see that the client did try the dead connection.
 */
final class TestUpstream implements AutoCloseable {

    /** One answer; {@code delay} passes before it is written (the request counts as in flight). */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        static Answer ok(String body) {
            return new Answer(200, Map.of(), body, Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status, Duration.ZERO);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, delay);
        }

        Answer withBody(String newBody) {
            return new Answer(status, headers, newBody, delay);
        }

        Answer after(Duration newDelay) {
            return new Answer(status, headers, body, newDelay);
        }
    }

    private enum Connections { KEEP_ALIVE, CLOSE_AFTER_ANSWER, CLOSE_WHEN_IDLE }

    private final ServerSocket server;
    private final Queue<Answer> queue = new ConcurrentLinkedQueue<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Long> arrivals = new ArrayList<>();
    private final List<String> requestLines = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private final AtomicInteger idleClosed = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Answer fallback = Answer.ok("ok");
    private volatile Connections mode = Connections.KEEP_ALIVE;
    private volatile Duration idleLimit = Duration.ofSeconds(30);

    private TestUpstream(ServerSocket server) {
        this.server = server;
    }

    static TestUpstream start() {
        try {
            TestUpstream upstream = new TestUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread.ofVirtual().name("test-upstream-accept").start(upstream::acceptLoop);
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/";
    }

    void enqueue(Answer... answers) {
        queue.addAll(List.of(answers));
    }

    /** The answer when the queue is empty. */
    void answerByDefault(Answer answer) {
        fallback = answer;
    }

    /** Every answer says keep-alive, then the server closes the connection. */
    void closeEveryConnectionAfterItsAnswer() {
        mode = Connections.CLOSE_AFTER_ANSWER;
    }

    /** Keeps connections open between requests, but closes one that waited {@code idle} for its next request. */
    void closeConnectionsIdleFor(Duration idle) {
        idleLimit = idle;
        mode = Connections.CLOSE_WHEN_IDLE;
    }

    /** Requests read and answered (or being answered). */
    synchronized int answered() {
        return arrivals.size();
    }

    synchronized List<Long> arrivalNanos() {
        return List.copyOf(arrivals);
    }

    synchronized List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Requests the client wrote to a connection this server had already closed its side of. */
    int discarded() {
        return discarded.get();
    }

    int connections() {
        return connections.get();
    }

    int idleClosed() {
        return idleClosed.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most arrivals within any span shorter than {@code window}. */
    synchronized int maxInAnyWindow(Duration window) {
        List<Long> times = new ArrayList<>(arrivals);
        times.sort(null);
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** Waits until the server has closed {@code count} idle connections; false on timeout. */
    boolean awaitIdleClosed(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (idleClosed.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(TestUpstream::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().name("test-upstream-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                socket.setSoTimeout(mode == Connections.CLOSE_WHEN_IDLE ? (int) idleLimit.toMillis() : 30_000);
                String requestLine;
                try {
                    requestLine = readRequest(in);
                } catch (SocketTimeoutException idle) {
                    idleClosed.incrementAndGet();
                    return;
                }
                if (requestLine == null) {
                    return; // the client closed it
                }
                Answer answer = arrive(requestLine);
                try {
                    if (!answer.delay().isZero()) {
                        Thread.sleep(answer.delay());
                    }
                    out.write(render(answer));
                    out.flush();
                } finally {
                    inFlight.decrementAndGet();
                }
                if (mode == Connections.CLOSE_AFTER_ANSWER) {
                    // Shut our side, then see whether the client writes to the dead connection anyway.
                    socket.shutdownOutput();
                    socket.setSoTimeout(5_000);
                    try {
                        if (readRequest(in) != null) {
                            discarded.incrementAndGet();
                        }
                    } catch (IOException ignored) {
                        // nothing came
                    }
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection or the server went away
        } finally {
            open.remove(socket);
        }
    }

    private synchronized Answer arrive(String requestLine) {
        arrivals.add(System.nanoTime());
        requestLines.add(requestLine);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Answer next = queue.poll();
        return next != null ? next : fallback;
    }

    /** Reads one request (line, headers, a Content-Length body); null at a clean end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        int length = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).strip());
            }
        }
        in.readNBytes(length);
        return requestLine;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] render(Answer answer) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(answer.status()).append(" Test\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: keep-alive\r\n");
        answer.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
