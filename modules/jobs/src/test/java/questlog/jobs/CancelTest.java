package questlog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.testsupport.TestDatabase;

/** Cancelling: a queued job never runs; a running one stops at its next check; an ended one stays. */
class CancelTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    /** Loops until stopped, counting its runs. */
    record Looping(AtomicInteger runs) implements JobHandler {
        @Override
        public String type() {
            return "loop";
        }

        @Override
        public Object run(JobContext context) throws Exception {
            runs.incrementAndGet();
            for (long i = 0; ; i++) {
                context.checkStop();
                context.progress(i, -1);
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aCancelledQueuedJobNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        try (Instance instance = new Instance(db)) {
            UUID id = instance.module.jobs().submit("loop", Map.of()).id();
            assertThat(instance.schedulerRow(id)).isEqualTo("waiting");

            var outcome = instance.module.cancel(id);
            assertThat(outcome).isInstanceOf(JobService.CancelOutcome.Cancelled.class);
            JobView cancelled = ((JobService.CancelOutcome.Cancelled) outcome).job();
            assertThat(cancelled.state()).isEqualTo("cancelled");
            assertThat(cancelled.finishedAt()).isNotNull();
            // The job row ends before the scheduler removes its lease, in a statement of its own.
            assertThat(instance.awaitSchedulerRow(id, "none")).isEqualTo("none");

            instance.start(new Looping(runs));
            Instance.sleep(500);
            assertThat(runs.get()).isZero();
            assertThat(instance.module.job(id).orElseThrow().state()).isEqualTo("cancelled");
            assertThat(instance.events.events(EventTypes.SYNC_FAILED)).extracting(e -> e.payload())
                    .contains(new JobEvents.Failed(id, "loop", "cancelled"));
        }
    }

    @Test
    void aCancelledRunningJobStopsAtItsNextCheckAndEndsCancelled() {
        AtomicInteger runs = new AtomicInteger();
        try (Instance instance = new Instance(db).start(new Looping(runs))) {
            UUID id = instance.module.jobs().submit("loop", Map.of()).id();
            instance.await(id, j -> j.state().equals("running") && j.done() >= 2, java.time.Duration.ofSeconds(20));

            var outcome = instance.module.cancel(id);
            assertThat(outcome).isInstanceOf(JobService.CancelOutcome.Requested.class);
            JobView requested = ((JobService.CancelOutcome.Requested) outcome).job();
            assertThat(requested.state()).isEqualTo("running");
            assertThat(requested.cancelRequested()).isTrue();
            assertThat(instance.module.cancel(id)).as("asking again is harmless")
                    .isInstanceOf(JobService.CancelOutcome.Requested.class);

            JobView ended = instance.awaitState(id, "cancelled");
            assertThat(ended.finishedAt()).isNotNull();
            assertThat(ended.error()).isNull();
            assertThat(runs.get()).isEqualTo(1);
            // The job row ends before the scheduler removes its lease, in a statement of its own.
            assertThat(instance.awaitSchedulerRow(id, "none")).isEqualTo("none");
            assertThat(instance.events.events(EventTypes.SYNC_FAILED)).extracting(e -> e.payload())
                    .contains(new JobEvents.Failed(id, "loop", "cancelled"));

            assertThat(instance.module.cancel(id)).isInstanceOf(JobService.CancelOutcome.AlreadyFinished.class);
            assertThat(instance.module.cancel(UUID.randomUUID())).isInstanceOf(JobService.CancelOutcome.NotFound.class);
        }
    }
}
