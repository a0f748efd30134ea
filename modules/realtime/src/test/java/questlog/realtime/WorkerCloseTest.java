package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A stop lets the step under way finish: a relay that has sent a batch and awaits the reply must
 * still record it, or the next start sends it again (CrashRecoveryTest once saw the event published
 * before a clean stop published a second time). A step that outlasts the grace period is interrupted.
 */
class WorkerCloseTest {

    @Test
    void theStepUnderWayFinishesBeforeTheLoopStops() throws Exception {
        SleepingWorker worker = SleepingWorker.startAndAwaitStep(300); // awaiting an upstream's reply
        worker.close();
        assertThat(worker.interrupted).as("interrupted mid-step").isFalse();
        assertThat(worker.finished).as("the step finished").isTrue();
    }

    @Test
    void aStepThatOutlastsTheGracePeriodIsInterrupted() throws Exception {
        SleepingWorker worker = SleepingWorker.startAndAwaitStep(60_000);
        long started = System.nanoTime();
        worker.close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(worker.interrupted).isTrue();
        assertThat(worker.finished).isFalse();
        assertThat(tookMs).isBetween(Worker.FINISH_MS, Worker.FINISH_MS + 5_000);
    }

    /** A worker whose step sleeps {@code stepMs}, recording whether it finished or was interrupted. */
    private static final class SleepingWorker extends Worker {
        final CountDownLatch inStep = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();
        final AtomicBoolean interrupted = new AtomicBoolean();
        private final long stepMs;

        private SleepingWorker(long stepMs) {
            super("test-worker");
            this.stepMs = stepMs;
        }

        static SleepingWorker startAndAwaitStep(long stepMs) throws InterruptedException {
            SleepingWorker worker = new SleepingWorker(stepMs);
            worker.start();
            assertThat(worker.inStep.await(5, TimeUnit.SECONDS)).as("the step started").isTrue();
            return worker;
        }

        @Override
        protected long step() {
            inStep.countDown();
            try {
                Thread.sleep(stepMs);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return 60_000;
        }
    }
}
