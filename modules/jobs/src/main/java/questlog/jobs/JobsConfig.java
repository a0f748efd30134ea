package questlog.jobs;

import java.time.Duration;

/**
 * How the job runner of one instance behaves.
 *
 * @param threads               jobs this instance runs at once
 * @param pollInterval          how often it looks for due jobs (a job submitted here starts at once anyway)
 * @param heartbeatInterval     how often a running job's lease is renewed
 * @param missedHeartbeatsLimit heartbeats a lease may miss before another instance takes the job over
 *                              (so a crashed instance's jobs resume after {@code heartbeatInterval * limit})
 * @param shutdownMaxWait       how long {@link JobsModule#close()} lets running jobs reach their next
 *                              {@code checkStop()} before interrupting them
 */
public record JobsConfig(int threads, Duration pollInterval, Duration heartbeatInterval, int missedHeartbeatsLimit,
                         Duration shutdownMaxWait) {

    public JobsConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        requirePositive(pollInterval, "pollInterval");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(shutdownMaxWait, "shutdownMaxWait");
        // db-scheduler's own minimum: fewer would declare busy-but-alive instances dead
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("missedHeartbeatsLimit must be at least 4");
        }
    }

    /** Production defaults: 2 threads, poll every 5 s, heartbeat every 5 s, taken over after 30 s of silence. */
    public static JobsConfig defaults() {
        return new JobsConfig(2, Duration.ofSeconds(5), Duration.ofSeconds(5), 6, Duration.ofSeconds(10));
    }

    /** How long a silent instance keeps its jobs before another one resumes them. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsLimit);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
