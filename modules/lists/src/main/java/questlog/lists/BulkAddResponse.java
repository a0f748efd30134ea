package questlog.lists;

import java.util.List;

/** The answer to a bulk add, as in the original Questlog: how many were added, skipped (already there), and why others failed. */
record BulkAddResponse(int created, int skipped, List<String> errors) {}
