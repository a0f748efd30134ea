package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import questlog.common.EventTypes;

/**
 * {@code questlog events tail} against the real app, as a person reads it: events on stdout, what
 * happens to the stream (resets, restarts, reconnections) on stderr.
 */
class EventTailTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_EVENT_POLL_MS", "200"));

    /** One {@code events tail} run on its own thread, its output readable while it runs. */
    static final class Tail {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread thread;

        Tail(String... args) {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            thread = Thread.ofPlatform().daemon().name("events-tail").start(() -> exitCode.set(cli.execute(args)));
        }

        List<String> lines() {
            return out.toString().lines().toList();
        }

        int awaitExit() throws InterruptedException {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as("events tail still running; stderr:\n" + err).isFalse();
            return exitCode.get();
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(60)
    void aSincePastTheEndOfTheLogIsReportedAndTheTailGoesOnFromTheLatest() throws Exception {
        long latest = app.appendEvent(EventTypes.GAME_ADDED, Map.of("game", "before-the-restore"));
        Tail tail = new Tail("events", "tail", "--url", app.wsUrl(""), "--since", Long.toString(latest + 100),
                "--types", "game_added", "--count", "1");
        await(() -> tail.err.toString().contains("continuing"), "the reset line");
        long next = app.appendEvent(EventTypes.GAME_ADDED, Map.of("game", "after-the-restore"));
        assertThat(tail.awaitExit()).as(tail.err.toString()).isZero();

        assertThat(tail.lines()).hasSize(1);
        assertThat(tail.lines().getFirst()).contains("\"id\":" + next).contains("after-the-restore");
        assertThat(tail.err.toString()).contains("ends at event " + latest).contains("event " + (latest + 100))
                .doesNotContain("refused");
    }

    @Test
    @Timeout(90)
    void aServerRestartIsReportedAndTheTailResumesAfterTheLastEventPrinted() throws Exception {
        long start = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "l", "verb", "created", "entries", List.of()));
        Tail tail = new Tail("events", "tail", "--url", app.wsUrl(""), "--since", Long.toString(start),
                "--types", "list_updated", "--count", "3");
        long first = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "l", "verb", "added", "entries", List.of("a")));
        await(() -> tail.lines().size() == 1, "the first event");

        app.restart();
        // written while the tail is away: it must come after the reconnection, from the log
        long whileAway = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "l", "verb", "added", "entries", List.of("b")));
        await(() -> tail.err.toString().contains("Reconnected"), "the reconnection");
        long live = app.appendEvent(EventTypes.LIST_UPDATED, Map.of("list", "l", "verb", "added", "entries", List.of("c")));
        assertThat(tail.awaitExit()).as(tail.err.toString()).isZero();

        assertThat(tail.lines()).hasSize(3);
        assertThat(tail.lines().get(0)).contains("\"id\":" + first);
        assertThat(tail.lines().get(1)).contains("\"id\":" + whileAway);
        assertThat(tail.lines().get(2)).contains("\"id\":" + live);
        String err = tail.err.toString();
        assertThat(err).contains("Disconnected: the server is restarting (code 1012");
        assertThat(err).contains("Reconnected to " + app.wsUrl("") + ", resuming after event " + first);
    }
}
