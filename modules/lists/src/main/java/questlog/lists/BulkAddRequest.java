package questlog.lists;

import java.util.List;

/** {@code POST /api/lists/{slug}/entries/bulk}, as in the original Questlog: {@code {"entries": [...]}}. */
record BulkAddRequest(List<AddEntryRequest> entries) {}
