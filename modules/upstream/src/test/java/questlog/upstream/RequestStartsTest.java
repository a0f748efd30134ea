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
        assertThat(starts.take(Duration.ofSeconds(5))).isTrue(); // the first start, at once
        long t0 = System.nanoTime();
        CompletableFuture<Long> promised = CompletableFuture.supplyAsync(() -> startAt(starts));
        Thread.sleep(200); // it now sleeps until its start, 1.5 s after the first
        starts.slowTo(Duration.ofMillis(500));
        long newcomer = startAt(starts);
        long second = promised.get();

        assertThat(Duration.ofNanos(second - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
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
