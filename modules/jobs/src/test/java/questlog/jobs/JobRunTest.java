package questlog.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/** One instance runs submitted jobs to their end: the result or the error, progress, events. */
class JobRunTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    record Import(String source, int items) {}

    record Imported(int items, String source) {}

    record Position(int item) {}

    static Instance instance;
    static UUID queuedBeforeStart;

    @BeforeAll
    static void start() {
        instance = new Instance(db);
        // Submitting works before the handlers are known; an unknown type then fails when it runs.
        queuedBeforeStart = instance.module.jobs().submit("nobody-handles-this", Map.of()).id();
        instance.start(new ImportHandler(), new Failing("upstream", new IllegalStateException("Steam said no")),
                new Failing("database", new RuntimeException(new SQLException("ERROR: relation \"secret\" does not exist"))));
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    /** Reports progress three times quickly, checkpoints, and returns a result. */
    static final class ImportHandler implements JobHandler {
        @Override
        public String type() {
            return "import";
        }

        @Override
        public Object run(JobContext context) {
            Import params = context.params(Import.class);
            context.progress(1, params.items());
            context.progress(2, params.items());
            context.checkStop();
            instance.jdbi.useTransaction(h -> context.saveCheckpoint(h, new Position(3), 3, params.items()));
            return new Imported(params.items(), params.source());
        }
    }

    record Failing(String type, Exception error) implements JobHandler {
        @Override
        public Object run(JobContext context) throws Exception {
            throw error;
        }
    }

    @Test
    void aSubmittedJobRunsAndSucceedsWithItsResultProgressAndEvents() throws Exception {
        UUID id = instance.module.jobs().submit("import", new Import("steam", 3)).id();

        JobView job = instance.awaitState(id, "succeeded");
        assertThat(job.type()).isEqualTo("import");
        assertThat(job.params()).isEqualTo(Instance.JSON.valueToTree(Map.of("source", "steam", "items", 3)));
        assertThat(job.result()).isEqualTo(Instance.JSON.valueToTree(Map.of("items", 3, "source", "steam")));
        assertThat(job.done()).isEqualTo(3);
        assertThat(job.total()).isEqualTo(3);
        assertThat(job.error()).isNull();
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.startedAt()).isNotNull();
        assertThat(job.finishedAt()).isAfterOrEqualTo(job.startedAt());
        assertThat(job.isFinished()).isTrue();

        List<RecordingEventLog.Recorded> events = eventsOf(id);
        // progress(1) is announced, progress(2) a moment later is not (throttled), the checkpoint is
        assertThat(events).extracting(RecordingEventLog.Recorded::type)
                .containsExactly(EventTypes.SYNC_PROGRESS, EventTypes.SYNC_PROGRESS, EventTypes.SYNC_COMPLETE);
        assertThat(events.get(0).payload()).isEqualTo(new JobEvents.Progress(id, "import", 1, 3));
        assertThat(events.get(1).payload()).isEqualTo(new JobEvents.Progress(id, "import", 3, 3));
        var complete = (JobEvents.Complete) events.get(2).payload();
        assertThat(complete.job()).isEqualTo(id);
        assertThat(complete.result()).isEqualTo(job.result());
        assertThat(instance.schedulerRow(id)).as("db-scheduler removed its row").isEqualTo("none");
    }

    @Test
    void aFailingHandlerEndsTheJobFailedWithItsOwnMessage() {
        UUID id = instance.module.jobs().submit("upstream", Map.of()).id();

        JobView job = instance.awaitState(id, "failed");
        assertThat(job.error()).isEqualTo("Steam said no");
        assertThat(job.result()).isNull();
        assertThat(job.attempts()).as("a failed job is not retried").isEqualTo(1);
        assertThat(eventsOf(id)).extracting(RecordingEventLog.Recorded::payload)
                .containsExactly(new JobEvents.Failed(id, "upstream", "Steam said no"));
        Instance.sleep(300);
        assertThat(instance.module.job(id).orElseThrow().attempts()).isEqualTo(1);
        // The job row ends before the scheduler removes its lease, in a statement of its own.
        assertThat(instance.awaitSchedulerRow(id, "none")).isEqualTo("none");
    }

    @Test
    void aDatabaseErrorIsNeverShownAsTheJobsError() {
        UUID id = instance.module.jobs().submit("database", Map.of()).id();

        JobView job = instance.awaitState(id, "failed");
        assertThat(job.error()).isEqualTo(JobRunner.INTERNAL_ERROR).doesNotContain("secret");
    }

    @Test
    void errorMessagesComeFromTheHandlersOwnException() {
        assertThat(JobRunner.errorMessage(new IllegalArgumentException("bad handle"))).isEqualTo("bad handle");
        assertThat(JobRunner.errorMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(JobRunner.errorMessage(new RuntimeException("Sync of 12 games failed", new SQLException("SELECT 1"))))
                .isEqualTo("Sync of 12 games failed");
        assertThat(JobRunner.errorMessage(new RuntimeException(new SQLException("SELECT password"))))
                .isEqualTo(JobRunner.INTERNAL_ERROR);
    }

    @Test
    void aTypeWithoutHandlerIsRefusedOnceStartedAndFailsIfQueuedBefore() {
        assertThatThrownBy(() -> instance.module.jobs().submit("nobody-handles-this", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody-handles-this");

        JobView early = instance.awaitState(queuedBeforeStart, "failed");
        assertThat(early.error()).isEqualTo("No handler is registered for job type 'nobody-handles-this'");
    }

    @Test
    void anUnknownJobIdIsEmpty() {
        assertThat(instance.module.job(UUID.randomUUID())).isEmpty();
    }

    private static List<RecordingEventLog.Recorded> eventsOf(UUID id) {
        return instance.events.events().stream().filter(e -> switch (e.payload()) {
            case JobEvents.Progress p -> p.job().equals(id);
            case JobEvents.Complete c -> c.job().equals(id);
            case JobEvents.Failed f -> f.job().equals(id);
            default -> false;
        }).toList();
    }
}
