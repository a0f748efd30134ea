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
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        Worker worker = new Worker("test-worker") {
            @Override
            protected long step() {
                inStep.countDown();
                try {
                    Thread.sleep(300); // awaiting an upstream's reply
                    finished.set(true);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return 60_000;
            }
        };
        worker.start();
        assertThat(inStep.await(5, TimeUnit.SECONDS)).isTrue();
        worker.close();
        assertThat(interrupted).as("interrupted mid-step").isFalse();
        assertThat(finished).as("the step finished").isTrue();
    }

    @Test
    void aStepThatOutlastsTheGracePeriodIsInterrupted() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Worker worker = new Worker("test-worker") {
            @Override
            protected long step() {
                inStep.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return 60_000;
            }
        };
        worker.start();
        assertThat(inStep.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        worker.close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(interrupted).isTrue();
        assertThat(tookMs).isBetween(Worker.FINISH_MS, Worker.FINISH_MS + 5_000);
    }
}
