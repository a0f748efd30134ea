package questlog.library;

import java.util.ArrayList;
import java.util.List;
import questlog.common.RecordFields;

/**
 * Collects the problems of one import: keeps the first {@link ImportReport#MAX_ERRORS} for the
 * answer and counts all of them.
 */
final class ImportErrors implements RecordFields.Problems {
    private final List<ImportReport.RecordError> kept = new ArrayList<>();
    private int count;

    /** A problem with the document itself (a top-level key), not with a record. */
    void document(String field, String message) {
        add(new ImportReport.RecordError(null, null, null, null, field, message));
    }

    /** A problem with a whole section (for example: not an array). */
    void section(String section, String message) {
        add(new ImportReport.RecordError(section, null, null, null, section, message));
    }

    /** A problem with one field of one record; {@code field} is the name inside the record. */
    @Override
    public void record(String section, int index, Object id, String slug, String field, String message) {
        String path = section + "[" + index + "]" + (field == null ? "" : "." + field);
        add(new ImportReport.RecordError(section, index, id == null ? null : id.toString(), slug, path, message));
    }

    private void add(ImportReport.RecordError error) {
        count++;
        if (kept.size() < ImportReport.MAX_ERRORS) {
            kept.add(error);
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    List<ImportReport.RecordError> kept() {
        return List.copyOf(kept);
    }
}
