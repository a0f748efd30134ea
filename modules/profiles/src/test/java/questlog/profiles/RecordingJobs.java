package questlog.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import questlog.common.Jobs;

/** Jobs that are recorded, not run, with {@code submitOnce}'s rule: one active job per type and key until {@link #finish}. */
final class RecordingJobs implements Jobs {
    record Submitted(String type, String key, Object params) {}

    private final List<Submitted> submitted = new ArrayList<>();
    private final Map<String, JobRef> active = new HashMap<>();

    @Override
    public synchronized JobRef submit(String type, Object params) {
        submitted.add(new Submitted(type, null, params));
        return new JobRef(UUID.randomUUID(), type, false);
    }

    @Override
    public synchronized JobRef submitOnce(String type, String key, Object params) {
        JobRef running = active.get(type + "/" + key);
        if (running != null) {
            return new JobRef(running.id(), type, true);
        }
        JobRef job = new JobRef(UUID.randomUUID(), type, false);
        active.put(type + "/" + key, job);
        submitted.add(new Submitted(type, key, params));
        return job;
    }

    synchronized List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    /** Every queued job ended. */
    synchronized void finishAll() {
        active.clear();
    }

    synchronized void clear() {
        active.clear();
        submitted.clear();
    }
}
