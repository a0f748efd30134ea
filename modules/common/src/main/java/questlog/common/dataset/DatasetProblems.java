package questlog.common.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one imported dataset document, whichever module finds them: keeps the
 * first {@value #MAX_KEPT} for the answer and counts all of them.
 */
public final class DatasetProblems implements RecordFields.Problems {
    public static final int MAX_KEPT = 100;

    private final List<DatasetProblem> kept = new ArrayList<>();
    private final Map<String, Integer> bySection = new HashMap<>();
    private int count;

    /** A problem with the document itself (a top-level member such as {@code format}), not with a record. */
    public void document(String member, String message) {
        add(new DatasetProblem(null, null, null, null, member, message));
    }

    /** A problem with a whole section (for example: not an array). */
    public void section(String section, String message) {
        add(new DatasetProblem(section, null, null, null, section, message));
    }

    /** A problem with one field of one record; {@code field} is the name inside the record (null: the record). */
    @Override
    public void record(String section, int index, Object id, String slug, String field, String message) {
        String path = section + "[" + index + "]" + (field == null ? "" : "." + field);
        add(new DatasetProblem(section, index, id == null ? null : id.toString(), slug, path, message));
    }

    private void add(DatasetProblem problem) {
        count++;
        if (problem.section() != null) {
            bySection.merge(problem.section(), 1, Integer::sum);
        }
        if (kept.size() < MAX_KEPT) {
            kept.add(problem);
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    /** How many problems one section's records (or the section itself) have. */
    public int count(String section) {
        return bySection.getOrDefault(section, 0);
    }

    public List<DatasetProblem> kept() {
        return List.copyOf(kept);
    }
}
