package questlog.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.JobContext;
import questlog.common.JobHandler;

/**
 * What a scheduler execution does: start the job (a no-op for one that already ended), run its
 * handler, record the outcome with its event, and tell db-scheduler what to do with its row:
 * remove it, or (after a shutdown interrupted the run) reschedule it for now so that the next
 * instance resumes the job. A handler's failure is recorded and not retried; an exception thrown
 * here instead (the database went away while recording) reaches db-scheduler's failure handler,
 * which retries the execution later.
 */
final class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    static final String INTERNAL_ERROR = "The job failed with an internal error (details in the server log)";

    private final Jdbi jdbi;
    private final JobJson json;
    private final Clock clock;
    private final JobEvents events;
    private volatile Map<String, JobHandler> handlers;

    JobRunner(Jdbi jdbi, JobJson json, Clock clock, JobEvents events) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Makes the handlers known; until then any type may be submitted. */
    void register(List<JobHandler> list) {
        Map<String, JobHandler> byType = new LinkedHashMap<>();
        for (JobHandler handler : list) {
            if (byType.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalArgumentException("Two job handlers for type '" + handler.type() + "'");
            }
        }
        handlers = Map.copyOf(byType);
    }

    boolean accepts(String type) {
        Map<String, JobHandler> known = handlers;
        return known == null || known.containsKey(type);
    }

    CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        Optional<UUID> parsed = parse(instance.getId());
        if (parsed.isEmpty()) {
            log.warn("Dropping scheduler execution {}: its instance id is not a job id", instance.getId());
            return remove();
        }
        UUID id = parsed.get();
        Optional<JobView> started = jdbi.inTransaction(h -> h.attach(JobDao.class).start(id, clock.instant()));
        if (started.isEmpty()) {
            log.debug("Job {} already ended or does not exist; nothing to run", id);
            return remove();
        }
        JobView job = started.get();
        if (job.cancelRequested()) {
            finish(job, JobState.CANCELLED, null, null);
            return remove();
        }
        Map<String, JobHandler> known = handlers;
        JobHandler handler = known == null ? null : known.get(job.type());
        if (handler == null) {
            finish(job, JobState.FAILED, null, "No handler is registered for job type '" + job.type() + "'");
            return remove();
        }
        BooleanSupplier shuttingDown = () -> context.getSchedulerState().isShuttingDown();
        String checkpoint = jdbi.withExtension(JobDao.class, dao -> dao.checkpoint(id)).orElse(null);
        RunningJob running = new RunningJob(job, checkpoint, jdbi, json, clock, events, shuttingDown);
        Object result;
        try {
            result = handler.run(running);
        } catch (JobContext.Cancelled e) {
            finish(job, JobState.CANCELLED, null, null);
            return remove();
        } catch (JobContext.Interrupted e) {
            return requeue(job);
        } catch (Exception e) {
            // Interrupted by the scheduler after the shutdown grace period: also back to the queue.
            if (shuttingDown.getAsBoolean() && (e instanceof InterruptedException || Thread.currentThread().isInterrupted())) {
                return requeue(job);
            }
            log.warn("Job {} ({}) failed", id, job.type(), e);
            finish(job, JobState.FAILED, null, errorMessage(e));
            return remove();
        }
        JsonNode tree;
        try {
            tree = result == null ? null : json.tree(result, "result");
        } catch (IllegalArgumentException e) {
            log.warn("Job {} ({}) returned a result that cannot be stored", id, job.type(), e);
            finish(job, JobState.FAILED, null, "The job's result could not be stored");
            return remove();
        }
        finish(job, JobState.SUCCEEDED, tree, null);
        return remove();
    }

    /** Ends the job with its event, in one transaction. */
    private void finish(JobView job, JobState state, JsonNode result, String error) {
        String resultText = result == null ? null : json.write(result, "result");
        jdbi.useTransaction(h -> {
            int ended = h.attach(JobDao.class).finish(job.id(), state.value(), resultText, error, clock.instant());
            if (ended == 0) {
                return;
            }
            switch (state) {
                case SUCCEEDED -> events.complete(h, job.id(), job.type(), result);
                case FAILED -> events.failed(h, job.id(), job.type(), error);
                case CANCELLED -> events.failed(h, job.id(), job.type(), JobEvents.CANCELLED);
                default -> throw new IllegalArgumentException("not an end state: " + state);
            }
        });
    }

    /** Back to the queue, due now: the next start (here or on another instance) resumes it. */
    private CompletionHandler<Void> requeue(JobView job) {
        Thread.interrupted();   // the writes below must not fail because the scheduler interrupted us
        jdbi.useTransaction(h -> h.attach(JobDao.class).requeue(job.id(), clock.instant()));
        log.info("Job {} ({}) interrupted by shutdown; it resumes on the next start", job.id(), job.type());
        return (complete, operations) -> operations.reschedule(complete, Instant.now());
    }

    private static CompletionHandler<Void> remove() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /**
     * The error users see: the handler's own message, never a database message (those can
     * carry SQL and data); the stack trace is in the log.
     */
    static String errorMessage(Throwable e) {
        Throwable t = e;
        while (true) {
            if (t instanceof SQLException || t instanceof JdbiException) {
                return INTERNAL_ERROR;
            }
            String message = t.getMessage();
            Throwable cause = t.getCause();
            // new RuntimeException(cause) copies the cause's text: judge the cause instead
            if (cause != null && cause != t && (message == null || message.equals(cause.toString()))) {
                t = cause;
                continue;
            }
            if (message == null || message.isBlank()) {
                return t.getClass().getSimpleName();
            }
            return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
