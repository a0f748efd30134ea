package questlog.library;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a dataset import (format questlog-bench-dataset, version 1), serialised as is
 * (snake_case). {@code ok} is true when every supported section was valid and was loaded (or, in
 * a dry run, would have been); then {@code errors} is empty. Otherwise nothing was written and
 * {@code errors} holds the first {@value #MAX_ERRORS} problems, {@code error_count} all of them.
 * Sections this server cannot load yet are counted in {@code unsupported_sections}, never
 * dropped silently.
 */
public record ImportReport(boolean ok, boolean dryRun, String format, Integer version,
                           Map<String, SectionCounts> sections, Map<String, Integer> unsupportedSections,
                           List<String> notes, int errorCount, List<RecordError> errors, long elapsedMs) {

    public static final int MAX_ERRORS = 100;

    public ImportReport {
        // Copies that keep the caller's order: sections appear in the order of the format.
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        unsupportedSections = Collections.unmodifiableMap(new LinkedHashMap<>(unsupportedSections));
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }

    /** What happened to the records of one section: created + updated + unchanged = received. */
    public record SectionCounts(int received, int created, int updated, int unchanged) {}

    /**
     * One problem with one record. {@code field} is the full path ({@code games[12].franchise}),
     * so the entry reads like the {@code errors} of any other validation problem; {@code section},
     * {@code index}, {@code id} and {@code slug} say which record it is (null where unknown).
     */
    public record RecordError(String section, Integer index, String id, String slug, String field, String message) {}
}
