package questlog.importers;

/** A line of the gist the import did not understand, and why; nothing is made of it. */
record SkippedLine(int line, String text, String reason) {}
