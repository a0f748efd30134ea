package questlog.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems one module finds in its sections of an imported dataset document: keeps
 * the first {@value #MAX_KEPT} and counts all of them.
 */
public final class DatasetProblems implements RecordFields.Problems {
    public static final int MAX_KEPT = 100;

    private final List<DatasetProblem> kept = new ArrayList<>();
    private int count;

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

    public List<DatasetProblem> kept() {
        return List.copyOf(kept);
    }
}
