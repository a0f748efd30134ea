package questlog.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatabaseUrl;

/**
 * A version number that moves whenever stored data may have changed, so read caches know when
 * to stop trusting what they hold. It moves on every local write (called by the server after a
 * successful write request) and on every committed change anywhere, seen through PostgreSQL's
 * {@code LISTEN questlog_changes} on a connection of its own: writes made by another app
 * instance or by the CLI therefore invalidate this instance's cache too. While that connection
 * is down, {@link #isLive()} is false and caches must not be used.
 */
final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    static final String CHANNEL = "questlog_changes";

    private final AtomicLong version = new AtomicLong();
    private final AtomicBoolean live = new AtomicBoolean(false);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final DatabaseUrl url;
    private final Thread listener;

    ChangeFeed(DatabaseUrl url) {
        this.url = url;
        this.listener = Thread.ofPlatform().daemon().name("questlog-change-feed").unstarted(this::listen);
    }

    ChangeFeed start() {
        listener.start();
        return this;
    }

    long version() {
        return version.get();
    }

    boolean isLive() {
        return live.get();
    }

    /** Marks a change made through this instance (after its transaction committed). */
    void changed() {
        version.incrementAndGet();
    }

    private void listen() {
        long backoffMs = 200;
        while (running.get()) {
            try (Connection connection = connect()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // Anything may have changed while we were not listening.
                version.incrementAndGet();
                live.set(true);
                backoffMs = 200;
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        version.incrementAndGet();
                    }
                    if (notifications == null && !connection.isValid(10)) {
                        throw new SQLException("change feed connection lost");
                    }
                }
            } catch (SQLException e) {
                if (live.getAndSet(false)) {
                    log.warn("Change feed lost its database connection; read cache is off until it returns: {}", e.getMessage());
                }
                version.incrementAndGet();
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        live.set(false);
        listener.interrupt();
    }
}
