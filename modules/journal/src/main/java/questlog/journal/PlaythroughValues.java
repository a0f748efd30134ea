package questlog.journal;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The settable fields of a playthrough after validation: what an insert writes or an update
 * leaves behind. Empty texts are already null here; {@code platform} is the platform's key.
 */
public record PlaythroughValues(UUID editionId, String platform, PlaythroughStatus status, LocalDate startedAt,
                         LocalDate completedAt, Integer playtimeMinutes, Integer rating, Completion completion,
                         String notes, PlaythroughSource source, String sourceRef) {

    public String statusValue() {
        return status.value();
    }

    public String completionValue() {
        return completion == null ? null : completion.value();
    }

    public String sourceValue() {
        return source.value();
    }
}
