package questlog.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code POST /api/playthroughs/{id}/sessions}: {@code minutes} (1 to 1440) is required;
 * {@code started_at} defaults to now.
 */
record CreateSessionRequest(Instant startedAt, @JsonProperty(required = true) Integer minutes, String note) {}
