package questlog.profiles;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/** When a profile's next scheduled sync is due: its plugin's interval plus up to a tenth of it, at random. */
final class SyncSchedule {
    /** After a throttled or unreachable upstream, the next try waits at least this (or what it asked for). */
    static final Duration MIN_RETRY = Duration.ofMinutes(15);

    private SyncSchedule() {}

    static OffsetDateTime next(Instant now, Duration interval) {
        long jitterMillis = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis() / 10));
        return at(now.plus(interval).plusMillis(jitterMillis));
    }

    /** After a failure: a throttled or down upstream is tried again sooner than a regular sync, never sooner than it asked. */
    static OffsetDateTime afterFailure(Instant now, Duration interval, ProfileException e) {
        boolean passing = e.reason() == ProfileException.Reason.RATE_LIMITED
                || e.reason() == ProfileException.Reason.UPSTREAM_DOWN;
        if (!passing) {
            return next(now, interval);
        }
        Duration wait = e.retryAfter().filter(d -> d.compareTo(MIN_RETRY) > 0).orElse(MIN_RETRY);
        return at(now.plus(wait.compareTo(interval) < 0 ? wait : interval));
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
