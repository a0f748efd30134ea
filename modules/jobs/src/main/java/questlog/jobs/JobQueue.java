package questlog.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Jobs;

/**
 * Submitting: the job row commits first (so its URL can be answered at once), then its
 * scheduler row is inserted with the job's id as task instance. A process that dies in between
 * leaves an active job without a scheduler row; {@link #requeueOrphans()} at start repairs that.
 */
final class JobQueue implements Jobs {
    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final int SUBMIT_ONCE_TRIES = 5;

    private final Jdbi jdbi;
    private final JobJson json;
    private final Clock clock;
    private final SchedulerClient scheduler;
    private final Task<Void> task;
    private final Predicate<String> accepts;

    /** {@code accepts}: whether a type may be submitted (every type until the handlers are known). */
    JobQueue(Jdbi jdbi, JobJson json, Clock clock, SchedulerClient scheduler, Task<Void> task, Predicate<String> accepts) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.scheduler = scheduler;
        this.task = task;
        this.accepts = accepts;
    }

    @Override
    public JobRef submit(String type, Object params) {
        String paramsJson = checked(type, params);
        UUID id = UUID.randomUUID();
        jdbi.useTransaction(h -> h.attach(JobDao.class).insert(id, type, paramsJson, clock.instant()));
        schedule(id);
        return new JobRef(id, type, false);
    }

    @Override
    public JobRef submitOnce(String type, String key, Object params) {
        Objects.requireNonNull(key, "key");
        String paramsJson = checked(type, params);
        // The active job may end between the insert that conflicted and the look-up: then try again.
        for (int i = 0; i < SUBMIT_ONCE_TRIES; i++) {
            UUID id = UUID.randomUUID();
            Optional<UUID> inserted = jdbi.inTransaction(h ->
                    h.attach(JobDao.class).insertOnce(id, type, key, paramsJson, clock.instant()));
            if (inserted.isPresent()) {
                schedule(id);
                return new JobRef(id, type, false);
            }
            Optional<UUID> active = jdbi.withExtension(JobDao.class, dao -> dao.findActive(type, key));
            if (active.isPresent()) {
                return new JobRef(active.get(), type, true);
            }
        }
        throw new IllegalStateException("Could not queue a " + type + " job for key " + key + ": it kept changing");
    }

    /** Schedules every active job that has no scheduler row; returns how many. */
    int requeueOrphans() {
        List<UUID> orphans = jdbi.withExtension(JobDao.class, dao -> dao.orphans(task.getName()));
        orphans.forEach(this::schedule);
        if (!orphans.isEmpty()) {
            log.info("Re-queued {} job(s) whose scheduling was lost", orphans.size());
        }
        return orphans.size();
    }

    private String checked(String type, Object params) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("A job needs a type");
        }
        if (!accepts.test(type)) {
            throw new IllegalArgumentException("No handler is registered for job type '" + type + "'");
        }
        return json.write(params, "params");
    }

    /** Due now, in the scheduler's own (system) time. Existing rows are left alone. */
    private void schedule(UUID id) {
        scheduler.scheduleIfNotExists(task.instance(id.toString()), Instant.now());
    }
}
