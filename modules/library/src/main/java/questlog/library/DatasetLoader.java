package questlog.library;

/**
 * Reads and loads dataset documents for POST /api/import and the CLI. Without one, the library
 * loads its own four sections and reports the others as unsupported; app supplies one that
 * loads every section of the format in one transaction across the modules.
 */
public interface DatasetLoader {

    /** A fresh receiver for the members of one document. */
    DatasetMembers newDocument();

    /**
     * Checks and loads a document read into {@code document} (one made by {@link #newDocument}),
     * all or nothing; rolls back when {@code dryRun}. Problems are answered in the report (its
     * {@code ok} false), a collision with a concurrent write as {@link ImportConflictException}.
     *
     * @param startedNanos {@link System#nanoTime()} when reading began, for the report's elapsed time
     */
    ImportReport load(DatasetMembers document, boolean dryRun, long startedNanos);
}
