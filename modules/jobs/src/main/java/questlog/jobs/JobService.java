package questlog.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading jobs and cancelling them; running them is {@link JobRunner}'s. */
final class JobService {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    /** What a cancel request did. */
    sealed interface CancelOutcome {
        /** It was queued: cancelled at once, it never runs. */
        record Cancelled(JobView job) implements CancelOutcome {}

        /** It is running: its handler stops at its next {@code checkStop()}. */
        record Requested(JobView job) implements CancelOutcome {}

        /** It had already ended. */
        record AlreadyFinished(JobView job) implements CancelOutcome {}

        record NotFound() implements CancelOutcome {}
    }

    /** One page of jobs and how many match in all. */
    record Listing(List<JobView> items, long total) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final JobEvents events;
    private final SchedulerClient scheduler;
    private final Task<Void> task;

    JobService(Jdbi jdbi, Clock clock, JobEvents events, SchedulerClient scheduler, Task<Void> task) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.scheduler = scheduler;
        this.task = task;
    }

    Optional<JobView> find(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id));
    }

    /** Newest first; {@code state} and {@code type} null for all. */
    /** Jobs per state, every state present. */
    Map<String, Long> countsByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            counts.put(state.value(), 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) FROM job GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    Listing list(JobState state, String type, int limit, int offset) {
        String stateValue = state == null ? null : state.value();
        return jdbi.inTransaction(h -> {
            JobDao dao = h.attach(JobDao.class);
            return new Listing(dao.list(stateValue, type, limit, offset), dao.count(stateValue, type));
        });
    }

    CancelOutcome cancel(UUID id) {
        CancelOutcome outcome = jdbi.inTransaction(h -> {
            JobDao dao = h.attach(JobDao.class);
            Optional<JobView> locked = dao.lock(id);
            if (locked.isEmpty()) {
                return new CancelOutcome.NotFound();
            }
            JobView job = locked.get();
            Instant now = clock.instant();
            return switch (JobState.of(job.state())) {
                case QUEUED -> {
                    dao.cancelQueued(id, now);
                    events.failed(h, id, job.type(), JobEvents.CANCELLED);
                    yield new CancelOutcome.Cancelled(dao.find(id).orElseThrow());
                }
                case RUNNING -> {
                    dao.requestCancel(id, now);
                    yield new CancelOutcome.Requested(dao.find(id).orElseThrow());
                }
                case SUCCEEDED, FAILED, CANCELLED -> new CancelOutcome.AlreadyFinished(job);
            };
        });
        if (outcome instanceof CancelOutcome.Cancelled) {
            unschedule(id);
        }
        return outcome;
    }

    /** Best effort: if the execution is already picked, it finds the job cancelled and does nothing. */
    private void unschedule(UUID id) {
        try {
            scheduler.cancel(task.instanceId(id.toString()));
        } catch (RuntimeException e) {
            log.debug("Scheduler row of cancelled job {} not removed: {}", id, e.toString());
        }
    }
}
