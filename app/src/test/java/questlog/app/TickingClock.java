package questlog.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock for tests that starts at a fixed instant and moves one second on every reading. */
final class TickingClock extends Clock {
    private final AtomicLong seconds;

    TickingClock(Instant start) {
        this.seconds = new AtomicLong(start.getEpochSecond());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(seconds.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TickingClock is always UTC");
    }
}
