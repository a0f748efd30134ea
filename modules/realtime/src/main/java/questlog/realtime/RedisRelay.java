package questlog.realtime;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the log to Redis, in id order, once per event across all app instances: the
 * instance that locks the channel's {@code relay_cursor} row ({@code FOR UPDATE SKIP LOCKED})
 * publishes the next batch and moves the cursor in the same transaction; the others skip. While
 * Redis is unreachable the cursor stays put and the batch is retried with backoff, so the backlog
 * goes out, in order, when Redis returns; after a crash between publishing and committing, the
 * batch is published again (at least once, with ids).
 */
final class RedisRelay extends Worker {
    private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final RedisPublisher publisher;
    private final Renderer renderer;
    private final String channel;
    private final String target;
    private final LongSupplier idleWait;
    private long backoffMs;
    private boolean failing;

    RedisRelay(Jdbi jdbi, Renderer renderer, RedisPublisher publisher, String channel, LongSupplier idleWait) {
        super("questlog-redis-relay");
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.renderer = renderer;
        this.channel = channel;
        this.target = "redis:" + channel;
        this.idleWait = idleWait;
    }

    /** Creates the cursor on first use, at the current end of the log: history is not replayed to Redis. */
    void initCursor() {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO relay_cursor (target, last_id)
                SELECT :target, coalesce(max(id), 0) FROM event
                ON CONFLICT (target) DO NOTHING
                """).bind("target", target).execute());
    }

    @Override
    protected long step() {
        try {
            publisher.ensureConnected();
        } catch (RedisPublisher.RedisUnavailableException e) {
            if (!failing) {
                log.warn("Redis is unavailable ({}); events stay in the outbox and go out when it returns", e.getMessage());
            }
            return failed();
        }
        while (true) {
            Outcome outcome = jdbi.inTransaction(h -> {
                Optional<Long> cursor = h.createQuery("SELECT last_id FROM relay_cursor WHERE target = :target FOR UPDATE SKIP LOCKED")
                        .bind("target", target).mapTo(Long.class).findOne();
                if (cursor.isEmpty()) {
                    return Outcome.BUSY;
                }
                List<Event> page = h.attach(EventDao.class).page(cursor.get(), Long.MAX_VALUE, new String[0], BATCH);
                if (page.isEmpty()) {
                    return Outcome.DONE;
                }
                List<String> messages = page.stream().map(e -> renderer.render(e).json()).toList();
                int published;
                try {
                    published = publisher.publish(channel, messages);
                } catch (RedisPublisher.RedisUnavailableException e) {
                    if (!failing) {
                        log.warn("Redis is unavailable ({}); events stay in the outbox and go out when it returns", e.getMessage());
                    }
                    return Outcome.FAILED;
                }
                if (published > 0) {
                    h.createUpdate("UPDATE relay_cursor SET last_id = :id, updated_at = now() WHERE target = :target")
                            .bind("id", page.get(published - 1).id()).bind("target", target).execute();
                }
                if (published < page.size()) {
                    return Outcome.FAILED;
                }
                return page.size() == BATCH ? Outcome.MORE : Outcome.DONE;
            });
            switch (outcome) {
                case MORE -> {
                    recovered();
                    continue;
                }
                case DONE -> {
                    recovered();
                    return idleWait.getAsLong();
                }
                case BUSY -> {
                    return idleWait.getAsLong();
                }
                case FAILED -> {
                    return failed();
                }
            }
        }
    }

    private long failed() {
        failing = true;
        backoffMs = backoffMs == 0 ? 100 : Math.min(backoffMs * 2, 2000);
        return backoffMs;
    }

    private void recovered() {
        if (failing) {
            log.info("Redis is back; publishing resumed");
            failing = false;
        }
        backoffMs = 0;
    }

    boolean isConnected() {
        return publisher.isConnected();
    }

    @Override
    public void close() {
        super.close();
        publisher.close();
    }

    private enum Outcome { MORE, DONE, BUSY, FAILED }
}
