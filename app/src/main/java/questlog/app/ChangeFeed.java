package questlog.app;

import java.util.concurrent.atomic.AtomicLong;
import questlog.common.DatabaseUrl;
import questlog.common.PgListener;

/**
 * A version number that moves whenever stored data may have changed, so read caches know when
 * to stop trusting what they hold. It moves on every local write (called by the server after a
 * successful write request) and on every committed change anywhere, seen through PostgreSQL's
 * {@code LISTEN questlog_changes} ({@link PgListener}): writes made by another app instance or
 * by the CLI therefore invalidate this instance's cache too. While that connection is down,
 * {@link #isLive()} is false and caches must not be used.
 */
final class ChangeFeed implements AutoCloseable {
    static final String CHANNEL = "questlog_changes";

    private final AtomicLong version = new AtomicLong();
    private final PgListener listener;

    ChangeFeed(DatabaseUrl url) {
        this.listener = new PgListener(url, CHANNEL, "change feed", version::incrementAndGet, version::incrementAndGet);
    }

    ChangeFeed start() {
        listener.start();
        return this;
    }

    long version() {
        return version.get();
    }

    boolean isLive() {
        return listener.isLive();
    }

    /** Marks a change made through this instance (after its transaction committed). */
    void changed() {
        version.incrementAndGet();
    }

    @Override
    public void close() {
        listener.close();
    }
}
