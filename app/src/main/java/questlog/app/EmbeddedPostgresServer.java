package questlog.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server (zonky's binaries) that runs on a data directory when no DATABASE_URL is
 * set. It runs with PostgreSQL's durable defaults, not the embedded library's test settings: a
 * crash or power loss must not lose a write that was acknowledged. The caller holds the data
 * directory's lock ({@link DataDirectory.Claim}), so a postmaster found running on it is an
 * orphan of a questlog that ended without stopping it, and is stopped before the new start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** How long PostgreSQL may take to start (crash recovery included) or to stop. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * Server settings over the library's: it always passes {@code -F} (fsync off) and sets
     * {@code synchronous_commit=off}, which suits throw-away test databases only. These come after
     * {@code -F} on the command line, so they win; {@code full_page_writes} is PostgreSQL's default,
     * stated so that it shows.
     */
    static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private final EmbeddedPostgres postgres;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /**
     * Starts PostgreSQL on {@code data} (initialised on first use). {@code stopOnJvmExit}: stop it
     * from a JVM shutdown hook of its own; a server passes false and stops it itself, after its
     * last request.
     */
    static EmbeddedPostgresServer start(Path data, boolean stopOnJvmExit) {
        stopOrphanedPostmaster(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(stopOnJvmExit)
                .setPGStartupWait(WAIT);
        DURABLE.forEach(builder::setServerConfig);
        try {
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedPostgresServer(postgres, runningPostmaster(data));
        } catch (IOException | RuntimeException e) {
            throw new StartupException("The embedded PostgreSQL in " + data + " did not start: " + rootMessage(e)
                    + " (set DATABASE_URL to use a PostgreSQL server instead)");
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended) and waits until it has exited. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        // The library gives up waiting after 5 s; a checkpoint with fsync on may take longer, and
        // the directory must not be released while its postmaster still runs.
        postmaster.filter(p -> !awaitExit(p)).ifPresent(p ->
                log.warn("Embedded PostgreSQL (pid {}) is still stopping after {} s", p.pid(), WAIT.toSeconds()));
    }

    /**
     * Stops the postmaster running on {@code data}, if any, with a fast shutdown (SIGINT): the
     * sessions of the questlog that started it are gone with it; the shutdown writes a checkpoint,
     * so the next start needs no crash recovery. Adopting it instead would keep whatever settings
     * it was started with (an older build's, say); a fresh start has the current ones.
     */
    static void stopOrphanedPostmaster(Path data) {
        Optional<ProcessHandle> orphan = runningPostmaster(data);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        log.warn("An embedded PostgreSQL (pid {}) is still running on {} without the questlog that started it "
                + "(it was killed); stopping it before starting again", postmaster.pid(), data);
        if (!signalFastShutdown(postmaster)) {
            postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown
        }
        if (!awaitExit(postmaster)) {
            throw new StartupException("The embedded PostgreSQL (pid " + postmaster.pid() + ") left running on " + data
                    + " did not stop within " + WAIT.toSeconds() + " s; stop it (kill " + postmaster.pid() + ") and start again");
        }
        log.info("The orphaned PostgreSQL (pid {}) has stopped", postmaster.pid());
    }

    /** The postmaster that {@code data}'s {@code postmaster.pid} names, if it is alive and runs on {@code data}. */
    static Optional<ProcessHandle> runningPostmaster(Path data) {
        long pid;
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StartupException("Cannot read " + data.resolve("postmaster.pid") + ": " + e.getMessage());
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isPostgresOn(p, data));
    }

    /** Whether {@code process} is a PostgreSQL server on {@code data} (not a process that reuses a stale pid). */
    private static boolean isPostgresOn(ProcessHandle process, Path data) {
        ProcessHandle.Info info = process.info();
        if (info.command().map(c -> !Path.of(c).getFileName().toString().equals("postgres")).orElse(false)) {
            return false;
        }
        String[] args = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    return Files.isSameFile(Path.of(args[i + 1]), data);
                } catch (IOException e) {
                    return false;
                }
            }
        }
        // Arguments unknown (a platform that does not say): the pid file is trusted.
        return true;
    }

    /** SIGINT through the shell's {@code kill} (Java only sends SIGTERM and SIGKILL); false if that failed. */
    private static boolean signalFastShutdown(ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -INT \"$1\"", "sh", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits up to {@link #WAIT} for {@code process} to end; false if it still runs. */
    private static boolean awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }
}
