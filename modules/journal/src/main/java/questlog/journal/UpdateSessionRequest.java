package questlog.journal;

import java.time.Instant;

/**
 * {@code PATCH /api/playthroughs/{id}/sessions/{session}}: the fields present are changed
 * ({@code minutes} 1 to 1440, {@code started_at} 1950 to 2200), an explicit null clears the
 * {@code note}; {@code minutes} and {@code started_at} cannot be cleared.
 */
record UpdateSessionRequest(Instant startedAt, Integer minutes, String note) {}
