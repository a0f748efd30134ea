package questlog.common.dataset;

import java.time.Instant;
import java.util.function.Supplier;

/** What the sections of one document being imported share. */
public interface DatasetImport {

    /** The document's format, known before any section's records are read. */
    DatasetFormat format();

    /** The time of the import, for {@code created_at} / {@code updated_at} of what it writes. */
    Instant now();

    /** Where every problem of the document goes (one sink for the whole import). */
    DatasetProblems problems();

    /**
     * State that several sections of one module share for one document (the library checks its
     * four catalog sections together): the value made by {@code create} the first time this type
     * is asked for in this document, the same object afterwards.
     */
    <T> T shared(Class<T> type, Supplier<T> create);
}
