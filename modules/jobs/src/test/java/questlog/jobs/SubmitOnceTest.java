package questlog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.common.Jobs;
import questlog.testsupport.TestDatabase;

/** submitOnce: one queued-or-running job per type and key, whoever races for it. */
class SubmitOnceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void aSecondSubmitWhileTheJobIsActiveReturnsTheSameJob() {
        try (Instance instance = new Instance(db)) {
            Jobs jobs = instance.module.jobs();
            Jobs.JobRef first = jobs.submitOnce("resync", "game-1", Map.of("game", "game-1"));
            Jobs.JobRef second = jobs.submitOnce("resync", "game-1", Map.of("game", "game-1"));
            Jobs.JobRef otherKey = jobs.submitOnce("resync", "game-2", Map.of("game", "game-2"));

            assertThat(first.existing()).isFalse();
            assertThat(second.existing()).isTrue();
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.url()).isEqualTo("/api/jobs/" + first.id());
            assertThat(otherKey.id()).isNotEqualTo(first.id());
            assertThat(otherKey.existing()).isFalse();
        }
    }

    @Test
    void sixteenRacingSubmitsQueueExactlyOneJob() throws Exception {
        try (Instance instance = new Instance(db)) {
            Jobs jobs = instance.module.jobs();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Jobs.JobRef>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return jobs.submitOnce("library_sync", "all", Map.of());
                    }));
                }
                go.countDown();
                List<Jobs.JobRef> refs = new ArrayList<>();
                for (Future<Jobs.JobRef> answer : answers) {
                    refs.add(answer.get());
                }
                assertThat(refs).extracting(Jobs.JobRef::id).containsOnly(refs.getFirst().id());
                assertThat(refs).filteredOn(r -> !r.existing()).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            long rows = instance.jdbi.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM job WHERE type = 'library_sync' AND dedupe_key = 'all'").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void onceTheJobHasEndedTheSameKeyQueuesANewOne() {
        JobHandler quick = new JobHandler() {
            @Override
            public String type() {
                return "refresh";
            }

            @Override
            public Object run(JobContext context) {
                return null;
            }
        };
        try (Instance instance = new Instance(db).start(quick)) {
            Jobs.JobRef first = instance.module.jobs().submitOnce("refresh", "profile-9", Map.of());
            instance.awaitState(first.id(), "succeeded");

            Jobs.JobRef again = instance.module.jobs().submitOnce("refresh", "profile-9", Map.of());
            assertThat(again.existing()).isFalse();
            assertThat(again.id()).isNotEqualTo(first.id());
            instance.awaitState(again.id(), "succeeded");
        }
    }
}
