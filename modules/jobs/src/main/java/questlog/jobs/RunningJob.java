package questlog.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.JobContext;

/**
 * One run of one job, as its handler sees it. Progress events are throttled to about one per
 * second ({@link #progress}); every checkpoint records one, since it commits a step. The cancel
 * flag is read from the job row at most every 200 ms, so {@link #checkStop} is cheap in a loop.
 */
final class RunningJob implements JobContext {
    private static final long EVENT_INTERVAL = TimeUnit.SECONDS.toNanos(1);
    private static final long CANCEL_CHECK_INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

    private final UUID id;
    private final String type;
    private final JsonNode params;
    private final Jdbi jdbi;
    private final JobJson json;
    private final Clock clock;
    private final JobEvents events;
    private final BooleanSupplier shuttingDown;
    private volatile String checkpoint;
    private long lastEvent;
    private boolean anyEvent;
    private long lastCancelCheck;
    private boolean cancelRequested;

    RunningJob(JobView job, String checkpoint, Jdbi jdbi, JobJson json, Clock clock, JobEvents events,
               BooleanSupplier shuttingDown) {
        this.id = job.id();
        this.type = job.type();
        this.params = job.params();
        this.checkpoint = checkpoint;
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.shuttingDown = shuttingDown;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public <T> T params(Class<T> as) {
        return json.read(params, as, "params");
    }

    @Override
    public <T> Optional<T> checkpoint(Class<T> as) {
        String saved = checkpoint;
        return saved == null ? Optional.empty() : Optional.ofNullable(json.read(saved, as, "checkpoint"));
    }

    @Override
    public void saveCheckpoint(Handle tx, Object checkpoint, long done, long total) {
        Objects.requireNonNull(tx, "tx");
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("saveCheckpoint needs the step's transaction (jdbi.inTransaction), so that "
                    + "the checkpoint commits with the work it records");
        }
        String text = json.write(checkpoint, "checkpoint");
        tx.attach(JobDao.class).checkpoint(id, text, done, total, clock.instant());
        events.progress(tx, id, type, done, total);
        tx.afterCommit(() -> {
            this.checkpoint = text;
            eventSent();
        });
    }

    @Override
    public void progress(long done, long total) {
        boolean announce = eventDue();
        jdbi.useTransaction(h -> {
            h.attach(JobDao.class).progress(id, done, total, clock.instant());
            if (announce) {
                events.progress(h, id, type, done, total);
                h.afterCommit(this::eventSent);
            }
        });
    }

    @Override
    public void checkStop() {
        if (cancelRequested()) {
            throw new Cancelled();
        }
        if (shuttingDown.getAsBoolean()) {
            throw new Interrupted();
        }
    }

    private synchronized boolean cancelRequested() {
        long now = System.nanoTime();
        if (!cancelRequested && (lastCancelCheck == 0 || now - lastCancelCheck >= CANCEL_CHECK_INTERVAL)) {
            cancelRequested = jdbi.withExtension(JobDao.class, dao -> dao.cancelRequested(id));
            lastCancelCheck = now;
        }
        return cancelRequested;
    }

    private synchronized boolean eventDue() {
        return !anyEvent || System.nanoTime() - lastEvent >= EVENT_INTERVAL;
    }

    private synchronized void eventSent() {
        anyEvent = true;
        lastEvent = System.nanoTime();
    }
}
