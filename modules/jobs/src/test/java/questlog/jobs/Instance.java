package questlog.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import questlog.common.JobHandler;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/**
 * One app instance's job runner on a test database, with its own connection pool (as a separate
 * process would have) and an event log that records what committed. Short intervals: poll
 * 100 ms, heartbeat 200 ms, taken over after 4 missed heartbeats (db-scheduler's minimum).
 */
final class Instance implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    static final JobsConfig FAST = new JobsConfig(2, Duration.ofMillis(100), Duration.ofMillis(200), 4,
            Duration.ofSeconds(2));

    final HikariDataSource pool;
    /** What the module and handlers connect through; {@code freeze()} simulates a hung or killed process. */
    final FreezableDataSource dataSource;
    final Jdbi jdbi;
    final RecordingEventLog events = new RecordingEventLog();
    final JobsModule module;

    Instance(TestDatabase db) {
        this(db, FAST);
    }

    Instance(TestDatabase db, JobsConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.url().jdbcUrl());
        if (db.url().user() != null) {
            hc.setUsername(db.url().user());
        }
        if (db.url().password() != null) {
            hc.setPassword(db.url().password());
        }
        hc.setMaximumPoolSize(6);
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(2000);
        this.pool = new HikariDataSource(hc);
        this.dataSource = new FreezableDataSource(pool);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        this.module = new JobsModule(jdbi, dataSource, JSON, Clock.systemUTC(), events, config);
    }

    Instance start(JobHandler... handlers) {
        module.start(List.of(handlers));
        return this;
    }

    /** Polls the job row until it matches (fails after the timeout with what it last saw). */
    JobView await(UUID id, Predicate<JobView> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobView last = null;
        while (System.nanoTime() < deadline) {
            last = module.job(id).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(20);
        }
        throw new AssertionError("job " + id + " did not get there within " + timeout + "; last seen: " + last);
    }

    JobView awaitState(UUID id, String state) {
        return await(id, j -> j.state().equals(state), Duration.ofSeconds(20));
    }

    /** The job's scheduler row, as "picked" or "waiting", or "none". */
    String schedulerRow(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT CASE WHEN picked THEN 'picked' ELSE 'waiting' END FROM scheduled_tasks "
                                + "WHERE task_name = :task AND task_instance = :id")
                .bind("task", JobsModule.TASK_NAME).bind("id", id.toString())
                .mapTo(String.class).findOne().orElse("none"));
    }

    /** Polls the scheduler row until it is {@code expected} or 5 s pass; returns what it last saw. */
    String awaitSchedulerRow(UUID id, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen = schedulerRow(id);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            sleep(20);
            seen = schedulerRow(id);
        }
        return seen;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.thaw();
        module.close();
        pool.close();
    }
}
