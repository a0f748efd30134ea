package questlog.realtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatabaseUrl;

/**
 * {@code LISTEN questlog_events} on a connection of its own; every notification (sent by the
 * event table's trigger, after commit, whichever instance wrote) wakes the relay workers. When
 * the connection drops it reconnects with backoff and wakes them once more, since events may have
 * committed unseen; meanwhile the workers' polling keeps delivery going.
 */
final class EventNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);
    static final String CHANNEL = "questlog_events";

    private final DatabaseUrl url;
    private final List<Worker> workers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean live = new AtomicBoolean();
    private final Thread thread;

    EventNotifications(DatabaseUrl url, List<Worker> workers) {
        this.url = url;
        this.workers = List.copyOf(workers);
        this.thread = Thread.ofPlatform().daemon().name("questlog-event-listener").unstarted(this::listen);
    }

    void start() {
        thread.start();
    }

    private void wakeAll() {
        workers.forEach(Worker::wake);
    }

    private void listen() {
        long backoffMs = 200;
        while (running.get()) {
            try (Connection connection = connect()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                live.set(true);
                backoffMs = 200;
                wakeAll();
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        wakeAll();
                    } else if (!connection.isValid(2)) {
                        throw new SQLException("event listener connection lost");
                    }
                }
            } catch (SQLException e) {
                if (live.getAndSet(false)) {
                    log.warn("Event listener lost its database connection; relays poll until it returns: {}", e.getMessage());
                }
                if (!running.get()) {
                    break;
                }
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    break;
                }
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
        live.set(false);
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
        props.setProperty("ApplicationName", "questlog-event-listener");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
