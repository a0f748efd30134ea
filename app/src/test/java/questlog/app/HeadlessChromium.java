package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}, or {@code CHROMIUM}) showing one
 * page, driven over the Chrome DevTools Protocol with the JDK's own HTTP and WebSocket client (no
 * WebDriver needed): {@link #evaluate} runs JavaScript in the page, {@link #waitFor} polls it.
 * Each instance gets a new empty profile directory, removed at {@link #close}.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private final Process process;
    private final Path profile;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    HeadlessChromium(String url) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("questlog-chromium-");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", url)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        // Chromium writes the port it picked into the profile once DevTools listens.
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        while (pageSocket == null) {
            JsonNode targets = TestApp.JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium opened no page");
                }
                Thread.sleep(100);
            }
        }
        devtools = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Replies()).join();
    }

    /** The value of a JavaScript expression in the page (JSON-shaped), or null. */
    JsonNode evaluate(String expression) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode command = TestApp.JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate");
        command.putObject("params").put("expression", expression).put("returnByValue", true);
        devtools.sendText(command.toString(), true).join();
        JsonNode result = reply.orTimeout(10, TimeUnit.SECONDS).join();
        return result.at("/result/result/value");
    }

    /** Polls {@code expression} until {@code until} accepts its value; fails after {@code timeout}. */
    JsonNode waitFor(String expression, Predicate<JsonNode> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = evaluate(expression);
        while (!until.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ", " + expression + " is " + value);
            }
            Thread.sleep(100);
            value = evaluate(expression);
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        devtools.abort();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Matches each DevTools reply to the command that asked for it. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = TestApp.JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    text.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
