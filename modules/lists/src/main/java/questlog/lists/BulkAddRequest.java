package questlog.lists;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /api/lists/{slug}/entries/bulk}, as in the original Questlog: {@code {"entries": [...]}}. */
record BulkAddRequest(@JsonProperty(required = true) List<AddEntryRequest> entries) {}
