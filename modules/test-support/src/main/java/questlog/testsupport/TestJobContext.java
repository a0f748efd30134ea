package questlog.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.JobContext;
import questlog.common.Json;

/**
 * A job's context for running a job handler directly in a module test: parameters and
 * checkpoint go through JSON as the runner's would; a checkpoint counts only once its
 * transaction commits, as it would in the job table. (App's tests run the real job runner.)
 */
public final class TestJobContext implements JobContext {
    private final ObjectMapper json = Json.objectMapper();
    private final UUID id = UUID.randomUUID();
    private final JsonNode params;
    private volatile JsonNode checkpoint;
    public volatile long done;
    public volatile long total;
    public volatile int checkpoints;
    public volatile boolean cancel;

    public TestJobContext(Object params) {
        this.params = json.valueToTree(params);
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public <T> T params(Class<T> type) {
        return json.convertValue(params, type);
    }

    @Override
    public <T> Optional<T> checkpoint(Class<T> type) {
        return Optional.ofNullable(checkpoint).map(node -> json.convertValue(node, type));
    }

    @Override
    public void saveCheckpoint(Handle tx, Object state, long done, long total) {
        JsonNode saved = json.valueToTree(state);
        tx.afterCommit(() -> {
            checkpoint = saved;
            this.done = done;
            this.total = total;
            checkpoints++;
        });
    }

    @Override
    public void progress(long done, long total) {
        this.done = done;
        this.total = total;
    }

    @Override
    public void checkStop() {
        if (cancel) {
            throw new Cancelled();
        }
    }
}
