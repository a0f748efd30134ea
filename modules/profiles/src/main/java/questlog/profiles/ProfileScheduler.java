package questlog.profiles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Jobs;

/**
 * Queues the scheduled syncs: every {@code tick}, the profiles of installed plugins whose
 * {@code next_sync_at} has come get a sync job ({@link Jobs#submitOnce}, so never two per profile)
 * and their next time (interval plus jitter, see {@link SyncSchedule}). The jobs themselves run on
 * the job runner, on whichever instance picks them. Claimed rows are locked with SKIP LOCKED, so
 * several instances share the work instead of repeating it.
 */
final class ProfileScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProfileScheduler.class);
    /** Profiles queued per tick at most; the rest wait for the next tick. */
    static final int BATCH = 100;

    private final Jdbi jdbi;
    private final Jobs jobs;
    private final ProfilePlugins plugins;
    private final Clock clock;
    private final Duration tick;
    private ScheduledExecutorService timer;

    ProfileScheduler(Jdbi jdbi, Jobs jobs, ProfilePlugins plugins, Clock clock, Duration tick) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.plugins = plugins;
        this.clock = clock;
        this.tick = tick;
    }

    synchronized void start() {
        if (timer != null || jobs == null || plugins.syncingKeys().length == 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("profile-schedule").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::queueDueQuietly, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a sync of every profile that is due; returns how many. */
    int queueDue() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            ProfileDao dao = h.attach(ProfileDao.class);
            List<UUID> due = dao.due(plugins.syncingKeys(), SyncSchedule.at(now), BATCH);
            for (UUID id : due) {
                jobs.submitOnce(ProfileSync.TYPE, id.toString(), new ProfileSync.Params(id));
                String plugin = dao.pluginOf(id).orElseThrow();
                dao.scheduleNext(id, SyncSchedule.next(now, plugins.find(plugin).orElseThrow().refreshInterval()));
            }
            return due.size();
        });
    }

    private void queueDueQuietly() {
        try {
            int queued = queueDue();
            if (queued > 0) {
                log.info("queued {} scheduled profile sync(s)", queued);
            }
        } catch (RuntimeException e) {
            log.warn("could not queue the scheduled profile syncs; trying again in {}", tick, e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
