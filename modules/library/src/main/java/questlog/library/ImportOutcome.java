package questlog.library;

/** The result of POST /api/import, by body format. */
sealed interface ImportOutcome {
    /** A dataset document: the report (its {@code ok} decides between 200 and 422). */
    record Dataset(ImportReport report) implements ImportOutcome {}

    /** The original Questlog's body: the original's answer. */
    record Legacy(LegacyImportResult result) implements ImportOutcome {}
}
