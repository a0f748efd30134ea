package questlog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * A job outlives the instance running it: after a crash another instance takes it over once the
 * lease's heartbeats stop, and after a graceful shutdown the next instance picks it up; either
 * way the handler resumes from its last checkpoint and no finished step runs twice.
 */
class ResumeTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void aCrashedInstancesJobResumesFromItsCheckpointOnAnotherInstance() throws Exception {
        List<String> executed = StepHandler.newLog();
        Instance a = new Instance(db);
        StepHandler hangs = new StepHandler("a", a.jdbi, executed, 3);
        UUID id;
        try {
            a.start(hangs);
            id = a.module.jobs().submit(StepHandler.TYPE, new StepHandler.Steps(6, 10)).id();
            assertThat(hangs.hanging.await(20, TimeUnit.SECONDS)).as("instance a reached step 3").isTrue();
            assertThat(a.module.job(id).orElseThrow().done()).isEqualTo(3);

            // The process hangs for good: no heartbeat, no poll, the handler never returns.
            a.dataSource.freeze();

            try (Instance b = new Instance(db)) {
                assertThat(b.schedulerRow(id)).as("still held by the hung instance").isEqualTo("picked");
                b.start(new StepHandler("b", b.jdbi, executed));
                JobView done = b.awaitState(id, "succeeded");

                assertThat(executed).containsExactly("a:0", "a:1", "a:2", "b:3", "b:4", "b:5");
                assertThat(done.attempts()).isEqualTo(2);
                assertThat(done.done()).isEqualTo(6);
                assertThat(done.result().get("steps").asInt()).isEqualTo(6);
                // The job row ends before the scheduler removes its lease, in a statement of its own.
                assertThat(b.awaitSchedulerRow(id, "none")).isEqualTo("none");

                // a wakes up late; its handler's run ends in an error, which must not touch the finished job
                hangs.release.countDown();
                a.close();
                JobView after = b.module.job(id).orElseThrow();
                assertThat(after.state()).isEqualTo("succeeded");
                assertThat(after.error()).isNull();
                assertThat(after.result()).isEqualTo(done.result());
            }
        } finally {
            hangs.release.countDown();
            a.close();
        }
    }

    @Test
    void aGracefulCloseSendsTheRunningJobBackToTheQueueForTheNextInstance() {
        List<String> executed = StepHandler.newLog();
        UUID id;
        try (Instance a = new Instance(db)) {
            a.start(new StepHandler("a", a.jdbi, executed));
            id = a.module.jobs().submit(StepHandler.TYPE, new StepHandler.Steps(8, 100)).id();
            a.await(id, j -> j.done() >= 2, Duration.ofSeconds(20));
            a.module.close();

            JobView interrupted = a.module.job(id).orElseThrow();
            assertThat(interrupted.state()).isEqualTo("queued");
            assertThat(interrupted.done()).isBetween(2L, 7L);
            assertThat(a.schedulerRow(id)).as("rescheduled, not held").isEqualTo("waiting");
            assertThat(a.module.isRunning()).isFalse();
        }
        int doneBeforeClose = executed.size();

        try (Instance b = new Instance(db)) {
            b.start(new StepHandler("b", b.jdbi, executed));
            JobView done = b.awaitState(id, "succeeded");
            assertThat(StepHandler.stepNumbers(executed)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(executed.subList(doneBeforeClose, executed.size())).allMatch(s -> s.startsWith("b:"));
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.result().get("steps").asInt()).isEqualTo(8);
        }
    }

    @Test
    void aJobWhoseSchedulingWasLostIsQueuedAgainByTheSweep() {
        List<String> executed = StepHandler.newLog();
        try (Instance instance = new Instance(db)) {
            instance.start(new StepHandler("a", instance.jdbi, executed));
            // The state a crash between the job row's commit and its scheduler row leaves behind.
            UUID id = UUID.randomUUID();
            instance.jdbi.useHandle(h -> h.execute("""
                    INSERT INTO job (id, type, params, created_at, updated_at)
                    VALUES (?, ?, CAST(? AS jsonb), now(), now())""",
                    id, StepHandler.TYPE, "{\"count\": 2, \"step_millis\": 1}"));

            // Sweeps run every 30 polls: 3 s with the test's 100 ms poll.
            JobView done = instance.await(id, job -> job.state().equals("succeeded"), Duration.ofSeconds(15));

            assertThat(done.done()).isEqualTo(2);
            assertThat(executed).containsExactly("a:0", "a:1");
        }
    }
}
