package questlog.app;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data directory ({@code QUESTLOG_DATA_DIR}) of the embedded PostgreSQL, and who uses it.
 * The process that runs the directory's PostgreSQL holds an exclusive lock on
 * {@value #LOCK_FILE} for as long as that PostgreSQL runs (the file also names the process, for
 * messages). A server also writes {@value #SERVER_FILE} (port and pid) once its database accepts
 * connections, and removes it when it stops, so that commands run meanwhile use that database
 * instead of starting a second one. The directory's PostgreSQL running while nobody holds the
 * lock means the questlog that started it ended without stopping it (SIGKILL, the OOM killer).
 */
final class DataDirectory {
    static final String LOCK_FILE = "questlog.lock";
    static final String SERVER_FILE = "embedded-postgres.properties";

    /**
     * Directories this JVM holds. A file lock belongs to the whole process, and closing any channel
     * on a locked file releases it (POSIX), so a second claim from this JVM must not even open the
     * lock file: it looks here instead.
     */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    private final Path dir;

    private DataDirectory(Path dir) {
        this.dir = dir;
    }

    /** Who holds a data directory: a process id and what it runs ({@code serve}, or a command). */
    record Holder(long pid, String command) {
        boolean isServer() {
            return "serve".equals(command);
        }

        String describe() {
            return (isServer() ? "questlog serve" : "a questlog command") + " (pid " + pid + ")";
        }
    }

    /** Where a running server's embedded PostgreSQL listens (on the loopback interface). */
    record Published(int port, long pid) {}

    /** The directory, created when missing; a path that cannot be a writable directory is a {@link StartupException}. */
    static DataDirectory open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(LOCK_FILE);
            if (!Files.exists(probe)) {
                Files.createFile(probe);
            } else if (!Files.isWritable(probe)) {
                throw new AccessDeniedException(probe.toString());
            }
        } catch (FileAlreadyExistsException e) {
            throw unusable(dir, "a file is in the way (" + e.getFile() + ")");
        } catch (AccessDeniedException e) {
            throw unusable(dir, "permission denied (" + e.getFile() + ")");
        } catch (FileSystemException e) {
            throw unusable(dir, (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + " (" + e.getFile() + ")");
        } catch (IOException e) {
            throw unusable(dir, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new DataDirectory(dir);
    }

    private static StartupException unusable(Path dir, String why) {
        return new StartupException("Cannot use the data directory " + dir + ": " + why
                + ". Set QUESTLOG_DATA_DIR to a writable directory (or DATABASE_URL to use a PostgreSQL server).");
    }

    Path path() {
        return dir;
    }

    /** PostgreSQL's own data directory inside this one. */
    Path postgresData() {
        return dir.resolve("postgres");
    }

    /**
     * Claims the directory for this process ({@code command}: what it runs, for other processes'
     * messages); empty when another process, or this one, holds it.
     */
    Optional<Claim> tryClaim(String command) {
        Path key = dir.toAbsolutePath().normalize();
        Holder me = new Holder(ProcessHandle.current().pid(), command);
        if (HELD_HERE.putIfAbsent(key, me) != null) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(key);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + me.pid() + "\ncommand=" + command + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return Optional.of(new Claim(key, channel, lock));
        } catch (IOException e) {
            HELD_HERE.remove(key);
            closeQuietly(channel);
            throw unusable(dir, "cannot lock " + LOCK_FILE + ": " + e.getMessage());
        }
    }

    /** Who holds the directory, as far as known (the lock file names its holder). */
    Optional<Holder> holder() {
        Holder here = HELD_HERE.get(dir.toAbsolutePath().normalize());
        if (here != null) {
            return Optional.of(here);
        }
        Properties values = read(dir.resolve(LOCK_FILE));
        try {
            return Optional.of(new Holder(Long.parseLong(values.getProperty("pid")), values.getProperty("command", "?")));
        } catch (NumberFormatException e) {
            return Optional.empty(); // empty: its holder has not written it yet
        }
    }

    /** The running server's database, when a server published one (it may be stale: check that it answers). */
    Optional<Published> published() {
        Properties values = read(dir.resolve(SERVER_FILE));
        try {
            return Optional.of(new Published(Integer.parseInt(values.getProperty("port")),
                    Long.parseLong(values.getProperty("pid"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Properties read(Path file) {
        Properties values = new Properties();
        try {
            values.load(new StringReader(Files.readString(file)));
        } catch (NoSuchFileException e) {
            // nobody wrote it
        } catch (IOException e) {
            // unreadable: treated as absent
        }
        return values;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** This process's hold on the directory; closing it releases the directory. */
    final class Claim implements AutoCloseable {
        private final Path key;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean published;

        private Claim(Path key, FileChannel channel, FileLock lock) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
        }

        /** Says that this process's embedded PostgreSQL accepts connections on {@code port}, for commands to use. */
        synchronized void publish(int port) {
            Path file = dir.resolve(SERVER_FILE);
            Path partial = dir.resolve(SERVER_FILE + ".partial");
            try {
                Files.writeString(partial, "port=" + port + "\npid=" + ProcessHandle.current().pid() + "\n");
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                published = true;
            } catch (IOException e) {
                throw unusable(dir, "cannot write " + SERVER_FILE + ": " + e.getMessage());
            }
        }

        /** Takes back {@link #publish}: from now on commands start their own database. */
        synchronized void unpublish() {
            removeServerFile();
            published = false;
        }

        /** Removes what a process that ended without cleaning up said about its database. */
        void removeServerFile() {
            try {
                Files.deleteIfExists(dir.resolve(SERVER_FILE));
            } catch (IOException e) {
                // a stale file is checked before use anyway
            }
        }

        @Override
        public synchronized void close() {
            if (published) {
                unpublish();
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
            HELD_HERE.remove(key);
        }
    }
}
