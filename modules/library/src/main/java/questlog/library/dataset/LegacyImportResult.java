package questlog.library.dataset;

import java.util.List;

/**
 * The original Questlog's answer to a bulk import, field for field: what was created, what was
 * skipped because its slug already existed, and one message per item that could not be imported
 * (for example {@code "Edition ff7-pc: Work final-fantasy-vii not found"}).
 */
public record LegacyImportResult(int franchisesCreated, int franchisesSkipped, int worksCreated, int worksSkipped,
                          int editionsCreated, int editionsSkipped, List<String> errors) {

    public LegacyImportResult {
        errors = List.copyOf(errors);
    }
}
