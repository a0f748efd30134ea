package questlog.realtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay loop on its own thread: waits until woken (a NOTIFY arrived, or a local event) or until
 * its next poll is due, then runs {@link #step()}, which delivers what is pending and says how
 * long to wait before the next unprompted attempt (the poll interval, or a backoff after a
 * failure).
 */
abstract class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How long a stop waits for the step under way before interrupting it. */
    static final long FINISH_MS = 3000;

    private final String name;
    private final Object lock = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private boolean woken;
    private Thread thread;

    Worker(String name) {
        this.name = name;
    }

    /** Delivers what is pending; returns the milliseconds to wait unless woken earlier. */
    protected abstract long step() throws Exception;

    /** The wait after {@link #step()} threw. */
    protected long afterFailure(Exception e) {
        log.warn("{} failed, retrying: {}", name, e.toString());
        return 1000;
    }

    void start() {
        if (running.compareAndSet(false, true)) {
            thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
        }
    }

    void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        long waitMs = 0;
        while (running.get()) {
            try {
                awaitWake(waitMs);
            } catch (InterruptedException e) {
                break;
            }
            if (!running.get()) {
                break;
            }
            try {
                waitMs = step();
            } catch (Exception e) {
                waitMs = running.get() ? afterFailure(e) : 0;
            }
        }
    }

    private void awaitWake(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (!woken && running.get()) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                lock.wait(remaining);
            }
            woken = false;
        }
    }

    /**
     * Stops the loop. The step under way may finish first (for up to {@link #FINISH_MS}): one
     * interrupted between sending its batch and recording that it did (a Redis PUBLISH awaiting
     * its reply, a webhook's answer) would leave its cursor behind what went out, and the next
     * start would send that batch again. Only a step that takes longer is interrupted.
     */
    @Override
    public void close() {
        running.set(false);
        wake();
        if (thread != null) {
            try {
                thread.join(FINISH_MS);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
