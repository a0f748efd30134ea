package questlog.common;

/**
 * What an import did with the records of one section of a dataset document:
 * {@code created + updated + unchanged = received} once the section was loaded.
 */
public record DatasetCounts(int received, int created, int updated, int unchanged) {}
