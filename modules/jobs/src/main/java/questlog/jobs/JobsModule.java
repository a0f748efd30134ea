package questlog.jobs;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.javalin.apibuilder.EndpointGroup;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.HealthCheck;
import questlog.common.JobHandler;
import questlog.common.Jobs;

/**
 * The jobs module: queues jobs ({@link #jobs()}) from the moment it is built, runs them once
 * {@link #start} has been given the handlers, and serves {@code /api/jobs}. Every job is one
 * db-scheduler execution of a single task, {@value #TASK_NAME}, whose instance id is the job id;
 * the handler is chosen by the job row's type when it runs, so handlers need not exist yet when
 * jobs are submitted. Close it before the database: running handlers see
 * {@code checkStop()} throw {@link questlog.common.JobContext.Interrupted} and their jobs go back
 * to the queue.
 */
public final class JobsModule implements FeatureModule {
    /** The one db-scheduler task every job runs as. */
    static final String TASK_NAME = "questlog-job";
    /** The recurring task that re-queues active jobs whose scheduler row was lost (see {@link JobQueue#requeueOrphans}). */
    static final String SWEEP_TASK_NAME = "questlog-job-sweep";
    /** Sweeps run every this many polls: a lost job waits about a minute with the default 5 s poll. */
    private static final int POLLS_PER_SWEEP = 12;
    /** Retries of an execution whose outcome could not be recorded (the database was away), not of failed jobs. */
    private static final Duration BOOKKEEPING_RETRY = Duration.ofSeconds(10);

    private final JobRunner runner;
    private final JobQueue queue;
    private final JobService service;
    private final JobController controller;
    private final Scheduler scheduler;
    // volatile: readiness reads them while close() may be waiting for handlers
    private volatile boolean started;
    private volatile boolean closed;

    public JobsModule(Jdbi jdbi, DataSource dataSource, ObjectMapper json, Clock clock, EventLog events, JobsConfig config) {
        JobJson mapper = new JobJson(json);
        JobEvents jobEvents = new JobEvents(events);
        this.runner = new JobRunner(jdbi, mapper, clock, jobEvents);
        Task<Void> task = Tasks.custom(TASK_NAME, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(BOOKKEEPING_RETRY))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute(runner::execute);
        // A job row commits before its scheduler row is written; if the process dies in between,
        // the job would wait for the next start. One instance sweeps for such jobs now and then.
        RecurringTask<Void> sweep = Tasks.recurring(SWEEP_TASK_NAME,
                        Schedules.fixedDelay(config.pollInterval().multipliedBy(POLLS_PER_SWEEP)))
                .execute((instance, context) -> sweep());
        this.scheduler = Scheduler.create(dataSource, List.<Task<?>>of(task))
                .startTasks(sweep)
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
                // SELECT ... FOR UPDATE SKIP LOCKED: one instance picks each due job
                .pollUsingLockAndFetch(0.5, 1.0)
                .threads(config.threads())
                .pollingInterval(config.pollInterval())
                .heartbeatInterval(config.heartbeatInterval())
                .missedHeartbeatsLimit(config.missedHeartbeatsLimit())
                .shutdownMaxWait(config.shutdownMaxWait())
                // jobs submitted on this instance start without waiting for the next poll
                .enableImmediateExecution()
                .build();
        this.queue = new JobQueue(jdbi, mapper, clock, scheduler, task, runner::accepts);
        this.service = new JobService(jdbi, clock, jobEvents, scheduler, task);
        this.controller = new JobController(service);
    }

    /** Submits jobs; works before {@link #start} (they run once it is called, here or elsewhere). */
    public Jobs jobs() {
        return queue;
    }

    /**
     * Registers the handlers (one per type), queues again any active job that lost its scheduler
     * row, and starts running jobs. From now on submitting an unknown type is an
     * {@link IllegalArgumentException}.
     */
    public synchronized void start(List<JobHandler> handlers) {
        if (closed) {
            throw new IllegalStateException("the jobs module is closed");
        }
        if (started) {
            throw new IllegalStateException("the jobs module is already started");
        }
        runner.register(handlers);
        queue.requeueOrphans();
        scheduler.start();
        started = true;
    }

    /** True while this instance runs jobs (started, not stopping); for readiness. */
    public boolean isRunning() {
        SchedulerState state = scheduler.getSchedulerState();
        return started && !closed && state.isStarted() && !state.isShuttingDown();
    }

    /** How many jobs are in each state (every state present, 0 when none): for /metrics. */
    public Map<String, Long> countsByState() {
        return service.countsByState();
    }

    /** A job's state and progress; empty for an unknown id. */
    public Optional<JobView> job(UUID id) {
        return service.find(id);
    }

    /** Cancels a job as {@code POST /api/jobs/{id}/cancel} does. */
    JobService.CancelOutcome cancel(UUID id) {
        return service.cancel(id);
    }

    @Override
    public String name() {
        return "jobs";
    }

    /** {@code /jobs} routes, to mount under {@code /api}. */
    @Override
    public EndpointGroup routes() {
        return () -> path("jobs", () -> {
            get(controller::list, Access.READ);
            path("{id}", () -> {
                get(controller::get, Access.READ);
                post("cancel", controller::cancel, Access.WRITE);
            });
        });
    }

    /** The routes above as the OpenAPI document describes them. */
    @Override
    public List<ApiOperation> operations() {
        return JobsApi.operations();
    }

    /** A job's progress changes without a change event (progress events are throttled; the job table is not watched). */
    @Override
    public List<String> uncachedPaths() {
        return List.of("/api/jobs");
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck("jobs", this::isRunning, "stopped", "Not ready: the job runner is not running"));
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.SYNC_PROGRESS, EventTypes.SYNC_COMPLETE, EventTypes.SYNC_FAILED);
    }

    /**
     * Stops running jobs: handlers get up to the configured wait to reach a {@code checkStop()},
     * which sends their job back to the queue; then they are interrupted. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            scheduler.stop();
        }
    }

    private void sweep() {
        queue.requeueOrphans();
    }

    private static String instanceName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
