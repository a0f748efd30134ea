package questlog.importers;

import questlog.common.CopyCounts;

/** What {@code POST /api/import/questlog} did (or would do, in a dry run), per kind of record. */
record CopyReport(boolean dryRun, CopyCounts franchises, CopyCounts genres, CopyCounts works, CopyCounts editions,
                  CopyCounts lists) {}
