package questlog.common;

/** What copying records with their ids did: new rows, rows overwritten because they differed, rows already the same. */
public record CopyCounts(int created, int updated, int unchanged) {}
