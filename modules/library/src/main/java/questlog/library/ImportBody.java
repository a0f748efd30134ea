package questlog.library;

/** What a POST /api/import body turned out to be: a dataset document or the original Questlog's body. */
sealed interface ImportBody permits ReadDataset, LegacyImportRequest {}
