package questlog.common;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN <channel>} on a connection of its own, in one daemon thread: calls
 * {@code onConnect} each time the listening connection is (re)established — anything may have
 * happened while it was down — and {@code onNotify} when notifications arrive. When the
 * connection drops it reconnects with backoff (200 ms doubling to 5 s) and logs the loss once.
 * A connection the server closes surfaces at once as an error while waiting; one that silently
 * went away (a network partition) is found by a validity check after
 * {@value #QUIET_CHECK_SECONDS} s without a notification, so an idle server sends nothing else.
 */
public final class PgListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    /** Seconds without a notification after which the connection is checked (each check is a transaction). */
    static final int QUIET_CHECK_SECONDS = 30;

    private final DatabaseUrl url;
    private final String channel;
    private final String purpose;
    private final Runnable onConnect;
    private final Consumer<List<String>> onNotify;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean live = new AtomicBoolean();
    private final Thread thread;

    /**
     * @param channel   a fixed identifier (never user input)
     * @param purpose   what is listening, for the thread name and log lines, e.g. "change feed"
     * @param onConnect after each (re)connection
     * @param onNotify  after a wait that brought notifications
     */
    public PgListener(DatabaseUrl url, String channel, String purpose, Runnable onConnect, Runnable onNotify) {
        this(url, channel, purpose, onConnect, payloads -> onNotify.run());
    }

    /**
     * As above, with the payloads of the notifications each wait brought, in commit order
     * (for listeners whose notifications say what changed).
     */
    public PgListener(DatabaseUrl url, String channel, String purpose, Runnable onConnect,
                      Consumer<List<String>> onNotify) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.url = url;
        this.channel = channel;
        this.purpose = purpose;
        this.onConnect = onConnect;
        this.onNotify = onNotify;
        this.thread = Thread.ofPlatform().daemon().name("questlog-listen-" + channel).unstarted(this::listen);
    }

    public PgListener start() {
        thread.start();
        return this;
    }

    /** True while the listening connection is up. */
    public boolean isLive() {
        return live.get();
    }

    private void listen() {
        long backoffMs = 200;
        while (running.get()) {
            try (Connection connection = connect()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                live.set(true);
                backoffMs = 200;
                onConnect.run();
                long quietSince = System.nanoTime();
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        List<String> payloads = new ArrayList<>(notifications.length);
                        for (PGNotification n : notifications) {
                            payloads.add(n.getParameter());
                        }
                        onNotify.accept(payloads);
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > QUIET_CHECK_SECONDS * 1_000_000_000L) {
                        if (!connection.isValid(2)) {
                            throw new SQLException(purpose + " connection lost");
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException e) {
                if (live.getAndSet(false)) {
                    log.warn("The {} lost its database connection: {}", purpose, e.getMessage());
                }
                // Anything may change while nobody listens.
                onConnect.run();
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
        props.setProperty("ApplicationName", "questlog-" + purpose.replace(' ', '-'));
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    @Override
    public void close() {
        running.set(false);
        live.set(false);
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
