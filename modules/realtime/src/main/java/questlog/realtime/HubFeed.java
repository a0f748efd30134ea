package questlog.realtime;

import java.util.List;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Feeds this instance's WebSocket hub: reads the committed log after the last id it handed over
 * and dispatches it in id order. Every instance runs one, so clients on any instance see every
 * event, whichever instance wrote it.
 */
final class HubFeed extends Worker {
    private static final int BATCH = 500;
    private static final String[] ALL_TYPES = new String[0];

    private final Jdbi jdbi;
    private final Renderer renderer;
    private final WebSocketHub hub;
    private final LongSupplier idleWait;
    private volatile long cursor;

    HubFeed(Jdbi jdbi, Renderer renderer, WebSocketHub hub, LongSupplier idleWait) {
        super("questlog-ws-feed");
        this.jdbi = jdbi;
        this.renderer = renderer;
        this.hub = hub;
        this.idleWait = idleWait;
    }

    /** The last event handed to this instance's sockets. */
    long cursor() {
        return cursor;
    }

    /** Starts at the current end of the log; earlier events reach clients only by replay. */
    long startAtEnd() {
        cursor = jdbi.withExtension(EventDao.class, EventDao::latestId);
        return cursor;
    }

    @Override
    protected long step() {
        while (true) {
            List<Event> page = jdbi.withExtension(EventDao.class, dao -> dao.page(cursor, Long.MAX_VALUE, ALL_TYPES, BATCH));
            if (page.isEmpty()) {
                return idleWait.getAsLong();
            }
            hub.dispatch(page.stream().map(renderer::render).toList());
            cursor = page.getLast().id();
            if (page.size() < BATCH) {
                return idleWait.getAsLong();
            }
        }
    }
}
