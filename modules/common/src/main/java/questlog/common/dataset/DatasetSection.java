package questlog.common.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * One top-level array member of a dataset document, owned by the module whose tables it holds.
 * The importer and exporter only iterate over the sections (in module order); reading, checking,
 * writing and exporting the records are the section's own.
 *
 * <p>Import: for every document the importer asks each section for a {@link SectionImport}
 * ({@link #begin}), hands it the section's records one at a time as the body streams in
 * ({@link SectionImport#read}), then, in one transaction, calls {@link SectionImport#load} on
 * every section in order — a section checks its references against what the earlier sections
 * just wrote — and, when nothing anywhere had a problem, {@link SectionImport#recordEvents}.
 * Problems go to {@link DatasetImport#problems()}; any problem means nothing is written.
 *
 * <p>Export: {@link #count} and {@link #export} run in one read-only, repeatable-read
 * transaction. An export must be deterministic (records in a fixed order, nothing that depends
 * on the time of the export), so that export, import into an empty database and export again
 * give identical bytes.
 */
public interface DatasetSection {

    /** The member's name in the document, e.g. {@code "playthroughs"}. */
    String name();

    /**
     * The sections whose records this one refers to (by slug or id), e.g. playthroughs refer to
     * games and editions. When one of them has problems, nothing of it is written, so this
     * section's references cannot be checked: the importer leaves it unloaded and says so.
     */
    default Set<String> references() {
        return Set.of();
    }

    /** Whether documents of {@code format} have this section. */
    default boolean inFormat(DatasetFormat format) {
        return true;
    }

    /** Starts reading this section of one document. */
    SectionImport begin(DatasetImport document);

    /** How many records {@link #export} will write. */
    long count(Handle handle);

    /**
     * Writes the section's records, each as one JSON object, into the array the exporter has
     * opened; streams from a cursor ({@code fetchSize} rows at a time) so memory stays flat.
     */
    void export(Handle handle, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException;

    /** One section of one document being imported. */
    interface SectionImport {

        /** Checks one record (any JSON value; not an object is a problem) and keeps it when it is valid. */
        void read(int index, JsonNode record);

        /**
         * Checks the kept records against each other and against the database as it stands on
         * {@code handle} (the import's transaction), then writes them, unless a problem was found
         * in this section. Returns what happened to the records ({@code received} is filled in by
         * the importer).
         */
        DatasetCounts load(Handle handle);

        /**
         * True when {@link #load} wrote nothing because of problems found elsewhere than in this
         * section's own records (sections checked together, such as the library's four). A
         * section with problems of its own writes nothing anyway.
         */
        default boolean wroteNothing() {
            return false;
        }

        /**
         * Records the events of what {@link #load} changed, after every section was loaded
         * (events are appended last in a transaction). Not called in a dry run or on problems.
         */
        default void recordEvents(Handle handle) {
        }
    }
}
