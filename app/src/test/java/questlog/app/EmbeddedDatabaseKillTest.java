package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code questlog serve} on the embedded PostgreSQL, each in a JVM of its own, killed (SIGKILL)
 * while clients write: the first restart after the kill is ready in its normal time, with every
 * write that was answered 2xx. The kill leaves the server's PostgreSQL running as an orphan; the
 * restart stops it (fast shutdown) before starting its own. Beside the running server, a second server on the directory is refused at once and a command
 * uses the server's database instead of starting a second one.
 */
class EmbeddedDatabaseKillTest {
    static final int WRITERS = 4;
    static final String API_KEY = "kill-test-" + "0123456789abcdef";

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> processes = new ArrayList<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger acts = new AtomicInteger();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // A failed test must not leave a PostgreSQL behind.
        EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).ifPresent(this::killTree);
        for (String name : List.of("serve-1", "serve-2", "second", "list")) {
            Files.deleteIfExists(log(name));
        }
    }

    @Test
    void aKilledServerRestartsOnceWithEveryAcknowledgedWrite() throws Exception {
        Server first = serve("serve-1");
        writeUntilKilled(first, 50, () -> first.process.destroyForcibly());
        ProcessHandle orphan = EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).orElseThrow(
                () -> new AssertionError("the killed server's PostgreSQL should still run"));

        Server second = serve("serve-2");
        assertThat(orphan.isAlive()).isFalse();
        assertThat(output("serve-2")).contains("The orphaned PostgreSQL (pid " + orphan.pid() + ") has stopped");
        // "In its normal time": no slower than the first start of this data directory (with room for
        // a loaded machine), never the old 60 s wait for a PostgreSQL that could not start.
        assertThat(second.readyMs).as("ready in about the time the first start took (%d ms)", first.readyMs)
                .isLessThan(Math.max(2 * first.readyMs + 10_000, EmbeddedPostgresServer.WAIT.toMillis()));
        assertEveryAcknowledgedWriteIsThere(second);

        phase("restarted after the kill, every acknowledged write there");

        // Beside the running server: a second server is refused at once, a command uses its database.
        Process refused = questlog("second", "serve");
        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).as("refused at once").isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(output("second").strip()).endsWith("The data directory " + dataDir + " is in use by questlog serve (pid "
                + second.process.pid() + "): stop it first, or give this server another QUESTLOG_DATA_DIR (or a DATABASE_URL)");
        assertThat(output("second")).doesNotContain("Exception").doesNotContain("\tat ");
        Process list = questlog("list", "token", "list");
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(output("list")).isZero();
        assertThat(output("list")).contains("Using the embedded PostgreSQL of the questlog server running on " + dataDir)
                .doesNotContain("Starting embedded PostgreSQL").contains("NAME");
        phase("second server refused, command used the server's database");

        // A clean stop stops PostgreSQL and withdraws the server file.
        ProcessHandle lastPostmaster = EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).orElseThrow();
        second.process.destroy();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lastPostmaster.isAlive()).isFalse();
        assertThat(dataDir.resolve(DataDirectory.SERVER_FILE)).doesNotExist();
        phase("stopped");
    }

    final long testStarted = System.nanoTime();

    void phase(String what) {
        System.out.printf("%6d ms  %s (%d writes acknowledged)%n", (System.nanoTime() - testStarted) / 1_000_000, what,
                acknowledged.size());
    }

    record Server(Process process, int port, long readyMs) {}

    /** Starts {@code questlog serve} and waits until it is ready. */
    Server serve(String name) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Process process = questlog(name, Map.of("PORT", Integer.toString(port)), "serve");
        long deadline = started + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(output(name)).isTrue();
            try {
                var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    long readyMs = (System.nanoTime() - started) / 1_000_000;
                    phase(name + " ready in " + readyMs + " ms");
                    return new Server(process, port, readyMs);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " was not ready within 120 s: " + output(name));
    }

    /**
     * Creates games from {@link #WRITERS} clients at once; once {@code before} more were answered
     * 201, {@code kill}s while requests are still in flight. Games answered 201 are acknowledged.
     */
    void writeUntilKilled(Server server, int before, Runnable kill) throws Exception {
        int start = acknowledged.size();
        int act = acts.incrementAndGet();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            String prefix = "act" + act + "-writer" + w + "-";
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; !killed.get(); i++) {
                        String name = prefix + i;
                        try {
                            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/games"))
                                    .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201) {
                                acknowledged.add(name);
                            }
                        } catch (IOException e) {
                            if (killed.get()) {
                                return;
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() - start < before) {
            assertThat(System.nanoTime()).as("writes answered in time").isLessThan(deadline);
            Thread.sleep(5);
        }
        kill.run();
        killed.set(true);
        assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("writers stopped").isTrue();
    }

    void assertEveryAcknowledgedWriteIsThere(Server server) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/games?limit=5000"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> stored = new HashSet<>();
        for (JsonNode game : TestApp.JSON.readTree(response.body()).get("items")) {
            stored.add(game.get("name").asText());
        }
        assertThat(stored).containsAll(acknowledged);
    }

    void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        root.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }

    Process questlog(String name, String... args) throws IOException {
        return questlog(name, Map.of(), args);
    }

    /** Runs {@code questlog args} in a JVM of its own on {@link #dataDir}, output to {@link #log(String)}. */
    Process questlog(String name, Map<String, String> extraEnv, String... args) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("QUESTLOG_DATA_DIR", dataDir.toString(), "QUESTLOG_HOST", "127.0.0.1",
                "DATABASE_POOL_SIZE", "8", "QUESTLOG_API_KEY", API_KEY));
        env.putAll(extraEnv);
        Process process = QuestlogProcess.start(log(name), env, args).process();
        processes.add(process);
        return process;
    }

    Path log(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "questlog-kill-" + name + "-" + ProcessHandle.current().pid() + ".log");
    }

    String output(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
