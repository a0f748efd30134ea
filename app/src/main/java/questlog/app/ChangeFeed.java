package questlog.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatabaseUrl;
import questlog.common.PgListener;

/**
 * What changed in the stored data, so read caches know which answers to stop trusting. Every
 * committed change anywhere (this instance, another one, the CLI, plain SQL) arrives through
 * PostgreSQL's {@code LISTEN questlog_changes} ({@link PgListener}); the triggers name the table
 * and, for the tables whose changes concern single games or lists, those games and lists (see
 * the migration {@code app_change_feed_keys}). While that connection is down, {@link #isLive()}
 * is false and caches must not be used; on each (re)connection everything counts as changed.
 */
final class ChangeFeed implements AutoCloseable {
    static final String CHANNEL = "questlog_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final String SYNC = "sync:";
    /** How long a write through this server waits for its own changes to arrive. */
    private static final long SYNC_TIMEOUT_MS = 2000;

    /**
     * One change: a table and, when the trigger could tell, the keys it touched ("g:slug" for a
     * game, "l:slug" for a list); {@code keys} is null when the whole table may have changed.
     */
    record Change(String table, Set<String> keys) {
        static Change parse(String payload) {
            int bar = payload.indexOf('|');
            if (bar < 0) {
                return new Change(payload, null);
            }
            return new Change(payload.substring(0, bar), Set.of(payload.substring(bar + 1).split(",")));
        }

        boolean touches(String key) {
            return keys == null || keys.contains(key);
        }
    }

    /** Who hears the changes (the read cache). */
    interface Sink {
        void changed(Change change);

        /** Anything may have changed (a reconnection, or a write whose changes did not arrive in time). */
        void everything();
    }

    private static final Sink NOBODY = new Sink() {
        @Override
        public void changed(Change change) {}

        @Override
        public void everything() {}
    };

    private final AtomicLong version = new AtomicLong();
    private final PgListener listener;
    private final Jdbi jdbi;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong syncs = new AtomicLong();
    private final Map<String, CompletableFuture<Void>> pendingSyncs = new ConcurrentHashMap<>();
    private volatile Sink sink = NOBODY;

    ChangeFeed(DatabaseUrl url, Jdbi jdbi) {
        this.jdbi = jdbi;
        this.listener = new PgListener(url, CHANNEL, "change feed", this::reconnected, this::arrived);
    }

    ChangeFeed start() {
        listener.start();
        return this;
    }

    /** The one sink; set before the feed starts or at least before reads are cached. */
    void sendTo(Sink sink) {
        this.sink = sink;
    }

    /** A number that moves with every change heard (for tests waiting for quiet). */
    long version() {
        return version.get();
    }

    boolean isLive() {
        return listener.isLive();
    }

    /**
     * After a write through this server committed: returns once the listener has heard every
     * change committed so far, the write's own included, so the writer's next read is fresh. It
     * sends a marker notification and waits for it: PostgreSQL delivers notifications in commit
     * order. When the marker is late, every cached answer is dropped instead.
     */
    void awaitChangesSoFar() {
        if (!isLive()) {
            return;
        }
        String marker = SYNC + instance + ":" + syncs.incrementAndGet();
        CompletableFuture<Void> heard = new CompletableFuture<>();
        pendingSyncs.put(marker, heard);
        try {
            jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :marker)")
                    .bind("channel", CHANNEL).bind("marker", marker).mapTo(String.class).one());
            heard.get(SYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("The change feed did not hear a write's changes in time ({}); dropping every cached answer",
                    e.toString());
            sink.everything();
        } finally {
            pendingSyncs.remove(marker);
        }
    }

    private void reconnected() {
        version.incrementAndGet();
        sink.everything();
    }

    private void arrived(List<String> payloads) {
        for (String payload : payloads) {
            if (payload.startsWith(SYNC)) {
                CompletableFuture<Void> waiting = pendingSyncs.get(payload);
                if (waiting != null) {
                    waiting.complete(null);
                }
                continue;
            }
            version.incrementAndGet();
            sink.changed(Change.parse(payload));
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
