package questlog.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The spacing of starts when an upstream's answer shortens it while threads already wait. */
class RequestStartsTest {

    @Test
    void aShorterIntervalLetsNoNewcomerStartCloseToAStartAlreadyPromised() throws Exception {
        RequestStarts starts = new RequestStarts(Duration.ofMillis(10));
        starts.slowTo(Duration.ofMillis(1500));
        long t0 = System.nanoTime();
        assertThat(starts.take(Duration.ofSeconds(5))).isTrue(); // the first start, at once
        CompletableFuture<Long> promised = CompletableFuture.supplyAsync(() -> startAt(starts));
        // Once its start is promised, the thread sleeps until 1.5 s after the first. Waiting for the
        // promise (not for a fixed time) keeps this true on a loaded machine.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (starts.promisedStarts() == 0) {
            assertThat(System.nanoTime()).as("the waiting thread's start is promised within 1 s").isLessThan(deadline);
            Thread.sleep(1);
        }
        starts.slowTo(Duration.ofMillis(500));
        long newcomer = startAt(starts);
        long second = promised.get();

        assertThat(Duration.ofNanos(second - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1490));
        assertThat(Duration.ofNanos(newcomer - second)).as("the newcomer keeps the new interval after the promised start")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    private static long startAt(RequestStarts starts) {
        try {
            assertThat(starts.take(Duration.ofSeconds(10))).isTrue();
            return System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
