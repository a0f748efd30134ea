package questlog.realtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint on a plain JDK HTTP server: checks each request's X-Questlog-Signature
 * against the HMAC-SHA256 of the body it actually received, records it, and answers with the
 * status the test chooses.
 */
final class WebhookReceiver implements AutoCloseable {
    record Delivery(String body, String event, String eventId, String signature, boolean signatureValid, long atNanos) {}

    final String secret;
    final AtomicInteger status = new AtomicInteger(204);
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    final AtomicInteger attempts = new AtomicInteger();
    /** When set, each request is recorded at once but answered only once the latch opens (a slow receiver). */
    volatile CountDownLatch answerGate;
    private final HttpServer server;

    WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Questlog-Signature");
            attempts.incrementAndGet();
            int answer = status.get();
            if (answer >= 200 && answer < 300) {
                deliveries.add(new Delivery(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Questlog-Event"),
                        exchange.getRequestHeaders().getFirst("X-Questlog-Event-Id"),
                        signature, verify(signature, body), System.nanoTime()));
            }
            CountDownLatch gate = answerGate;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Constant-time comparison of the header with the HMAC computed here. */
    boolean verify(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(header.substring(7)));
        } catch (Exception e) {
            return false;
        }
    }

    List<Delivery> take(int count, Duration timeout) throws InterruptedException {
        List<Delivery> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            Delivery d = left <= 0 ? null : deliveries.poll(left, TimeUnit.NANOSECONDS);
            if (d == null) {
                break;
            }
            out.add(d);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
