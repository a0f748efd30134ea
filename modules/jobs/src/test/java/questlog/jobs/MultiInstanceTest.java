package questlog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.testsupport.TestDatabase;

/** Two instances (two schedulers, two pools) on one database run every job exactly once. */
class MultiInstanceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    /** Counts its runs per job, and which instance ran it. */
    record Counting(String instance, Map<UUID, AtomicInteger> runs, Map<String, AtomicInteger> byInstance)
            implements JobHandler {
        @Override
        public String type() {
            return "count";
        }

        @Override
        public Object run(JobContext context) throws Exception {
            runs.computeIfAbsent(context.id(), k -> new AtomicInteger()).incrementAndGet();
            byInstance.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(30);
            return Map.of("ran_on", instance);
        }
    }

    @Test
    void twentyJobsOnTwoSchedulersEachRunExactlyOnce() {
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        try (Instance a = new Instance(db); Instance b = new Instance(db)) {
            a.start(new Counting("a", runs, byInstance));
            b.start(new Counting("b", runs, byInstance));
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Instance via = i % 2 == 0 ? a : b;
                ids.add(via.module.jobs().submit("count", Map.of("n", i)).id());
            }
            for (UUID id : ids) {
                JobView job = a.awaitState(id, "succeeded");
                assertThat(job.attempts()).as("job %s", id).isEqualTo(1);
            }
            Instance.sleep(300);   // a duplicate run would show up by now

            assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(byInstance.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(20);
        }
    }
}
