package questlog.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Where a job stands: queued → running → succeeded | failed | cancelled. Lowercase in JSON and SQL. */
enum JobState {
    @JsonProperty("queued") QUEUED("queued"),
    @JsonProperty("running") RUNNING("running"),
    @JsonProperty("succeeded") SUCCEEDED("succeeded"),
    @JsonProperty("failed") FAILED("failed"),
    @JsonProperty("cancelled") CANCELLED("cancelled");

    private final String value;

    JobState(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    static Optional<JobState> parse(String text) {
        for (JobState s : values()) {
            if (s.value.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static JobState of(String stored) {
        return parse(stored).orElseThrow(() -> new IllegalStateException("unknown stored job state " + stored));
    }

    @Override
    public String toString() {
        return value;
    }
}
