package questlog.upstream;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;

/**
 * The spacing of request starts: a Bucket4j bucket that holds one token and refills it
 * {@code interval} after it was taken, so any two starts are at least that far apart however many
 * threads call. (Failsafe's smooth rate limiter aligns permits to a fixed grid, so after an idle
 * spell two starts can come almost together; upstreams count a sliding window.) A pause is a debt
 * of tokens, which the bucket pays back at its normal rate before the next start.
 */
final class RequestStarts implements RateControl {
    private final Duration floor;
    private final Bucket bucket;
    private volatile Duration interval;

    RequestStarts(Duration interval) {
        this.floor = interval;
        this.interval = interval;
        this.bucket = Bucket.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, interval)).build();
    }

    /** Waits for this request's start; false (at once) when that would take longer than {@code maxWait}. */
    boolean take(Duration maxWait) throws InterruptedException {
        return bucket.asBlocking().tryConsume(1, maxWait);
    }

    /** Gives back the start of a request that never reached the upstream. */
    void refund() {
        bucket.addTokens(1);
    }

    /** How many starts are already promised to threads sleeping until theirs (the bucket's debt). */
    long promisedStarts() {
        return Math.max(0, -bucket.getAvailableTokens());
    }

    @Override
    public Duration requestInterval() {
        return interval;
    }

    @Override
    public synchronized void slowTo(Duration asked) {
        Duration next = asked.compareTo(floor) > 0 ? asked : floor;
        if (next.equals(interval)) {
            return;
        }
        // Starts already promised to waiting threads keep the old spacing (they sleep until then);
        // a shorter interval must not let a newcomer start between or right after them. So the debt
        // of those promises is carried over in tokens of the new size, plus one for the refill under way.
        // The promises are counted after the switch: a thread may reserve its start, at the old
        // spacing, while this one switches, and counted before it would be missed (two starts then
        // came 7 ms apart). One that reserves after the switch is counted too: safe, only slower.
        bucket.replaceConfiguration(BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(1).refillGreedy(1, next)).build(),
                TokensInheritanceStrategy.AS_IS);
        long promised = promisedStarts();
        if (promised > 0 && next.compareTo(interval) < 0) {
            long gap = interval.toNanos() - next.toNanos();
            long extra = (promised * gap + next.toNanos() - 1) / next.toNanos() + 1;
            bucket.consumeIgnoringRateLimits(extra);
        }
        interval = next;
    }

    @Override
    public synchronized void pause(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        long nanos = interval.toNanos();
        long debt = (wait.toNanos() + nanos - 1) / nanos;
        // After this, the bucket is at least `debt` tokens short: the next start is `wait` or more away.
        long missing = debt + bucket.getAvailableTokens();
        if (missing > 0) {
            bucket.consumeIgnoringRateLimits(missing);
        }
    }
}
