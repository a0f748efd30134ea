package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An item of {@code GET /api/lists/{slug}/activity}, as in the original Questlog:
 * {@code {id, timestamp, verb, entries, metadata}}; {@code entries} are game slugs.
 */
record ActivityResponse(UUID id, Instant timestamp, String verb, List<String> entries, Map<String, Object> metadata) {}
