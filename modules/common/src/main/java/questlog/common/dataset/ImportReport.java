package questlog.common.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a dataset import, serialised as is (snake_case). {@code ok} is true when every
 * section was valid and was loaded (or, in a dry run, would have been); then {@code errors} is
 * empty. Otherwise nothing was written and {@code errors} holds the first
 * {@value #MAX_ERRORS} problems, {@code error_count} all of them. {@code sections} lists every
 * section of the document's format, in document order.
 */
public record ImportReport(boolean ok, boolean dryRun, String format, Integer version,
                           Map<String, SectionCounts> sections, List<String> notes, int errorCount,
                           List<DatasetProblem> errors, long elapsedMs) {

    public static final int MAX_ERRORS = DatasetProblems.MAX_KEPT;

    public ImportReport {
        // A copy that keeps the caller's order: sections appear in the order of the format.
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }

    /**
     * What happened to the records of one section: created + updated + unchanged = received.
     * {@code matched} counts the records that were mapped onto an existing record of the library
     * with another id (a genre of the same slug, say); they count as updated or unchanged too.
     */
    public record SectionCounts(int received, int created, int updated, int unchanged, int matched) {}

    /** A report for a document that could not be read at all (not JSON, not an object). */
    public static ImportReport unusable(boolean dryRun, long startedNanos, String message) {
        DatasetProblems problems = new DatasetProblems();
        problems.document(null, message);
        return new ImportReport(false, dryRun, null, null, Map.of(), List.of(), problems.count(), problems.kept(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
