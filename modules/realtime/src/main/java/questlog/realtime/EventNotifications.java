package questlog.realtime;

import java.util.List;
import questlog.common.DatabaseUrl;
import questlog.common.PgListener;

/**
 * {@code LISTEN questlog_events} ({@link PgListener}); every notification (sent by the event
 * table's trigger, after commit, whichever instance wrote) wakes the relay workers, and so does
 * every (re)connection, since events may have committed unseen; meanwhile the workers' polling
 * keeps delivery going.
 */
final class EventNotifications implements AutoCloseable {
    static final String CHANNEL = "questlog_events";

    private final PgListener listener;

    EventNotifications(DatabaseUrl url, List<Worker> workers) {
        List<Worker> all = List.copyOf(workers);
        Runnable wakeAll = () -> all.forEach(Worker::wake);
        this.listener = new PgListener(url, CHANNEL, "event listener", wakeAll, wakeAll);
    }

    void start() {
        listener.start();
    }

    /** True while notifications arrive (the LISTEN connection is up). */
    boolean isLive() {
        return listener.isLive();
    }

    @Override
    public void close() {
        listener.close();
    }
}
