package questlog.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import questlog.journal.JournalDataset;
import questlog.library.CatalogDataset;
import questlog.lists.ListsDataset;

/**
 * Writes the whole library as one dataset document (format questlog-bench-dataset, version 1),
 * the format {@link Importer} reads, for GET /api/export and {@code questlog export FILE}. Every
 * section comes from its module, streamed from database cursors straight into the output, so
 * memory stays flat whatever the library's size; one read-only, repeatable-read transaction makes
 * the sections agree with each other. Sections and records are in a fixed order and nothing
 * time-dependent is written, so exporting, importing that into an empty database and exporting
 * again gives the same bytes.
 */
final class Exporter {
    static final String FORMAT = "questlog-bench-dataset";
    static final int VERSION = 1;
    private static final int FETCH_SIZE = 1000;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final CatalogDataset catalog;
    private final JournalDataset journal;
    private final ListsDataset lists;

    Exporter(Jdbi jdbi, ObjectMapper json, CatalogDataset catalog, JournalDataset journal, ListsDataset lists) {
        this.jdbi = jdbi;
        this.json = json;
        this.catalog = catalog;
        this.journal = journal;
        this.lists = lists;
    }

    /** Writes the document to {@code out} (left open); returns the section counts written. */
    Map<String, Long> export(OutputStream out) throws IOException {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                Map<String, Long> counts = new LinkedHashMap<>(catalog.counts(h));
                counts.put(JournalDataset.SECTION, journal.count(h));
                long[] listCounts = lists.count(h);
                counts.put(ListsDataset.LISTS, listCounts[0]);
                counts.put(ListsDataset.ENTRIES, listCounts[1]);
                try (JsonGenerator g = json.getFactory().createGenerator(out)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.writeStartObject();
                    g.writeStringField("format", FORMAT);
                    g.writeNumberField("version", VERSION);
                    g.writeObjectFieldStart("meta");
                    g.writeObjectFieldStart("counts");
                    for (var entry : counts.entrySet()) {
                        g.writeNumberField(entry.getKey(), entry.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                    catalog.export(h, g, FETCH_SIZE);
                    journal.export(h, g, FETCH_SIZE);
                    lists.exportLists(h, g, FETCH_SIZE);
                    lists.exportEntries(h, g, FETCH_SIZE);
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return counts;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
