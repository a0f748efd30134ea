package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One change to a list, as stored; {@code metadata} is the JSON text of the jsonb column. */
public record ListActivity(UUID id, long seq, UUID listId, Instant at, String verb, List<String> entries, String metadata) {}
