package questlog.library;

import java.util.List;
import java.util.Map;

/**
 * A parsed dataset document: the valid records of the four sections this server loads, how many
 * records each section held, the counts of the sections it cannot load yet, and every problem
 * found while reading (the records with problems are left out of the lists).
 */
record DatasetDocument(String format, Integer version,
                       List<DatasetRecords.Genre> genres, List<DatasetRecords.Franchise> franchises,
                       List<DatasetRecords.Game> games, List<DatasetRecords.Edition> editions,
                       Map<String, Integer> received, Map<String, Integer> unsupported,
                       DatasetRejected rejected, ImportErrors errors) {}
