package questlog.common.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Writes the whole library as one dataset document: the header ({@code format}, {@code version},
 * {@code meta.counts}), then every section of the format in module order, each streamed from
 * database cursors straight into the output, so memory stays flat whatever the library's size.
 * One read-only, repeatable-read transaction makes the sections agree with each other. Nothing
 * time-dependent is written, so exporting, importing that into an empty database and exporting
 * again gives the same bytes.
 */
public final class DatasetExporter {
    private static final int FETCH_SIZE = 1000;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final List<DatasetSection> sections;

    public DatasetExporter(Jdbi jdbi, ObjectMapper json, List<DatasetSection> sections) {
        this.jdbi = jdbi;
        this.json = json;
        this.sections = List.copyOf(sections);
    }

    /** Writes the document to {@code out} (left open); returns the section counts written. */
    public Map<String, Long> export(OutputStream out, DatasetFormat format) throws IOException {
        List<DatasetSection> included = sections.stream().filter(s -> s.inFormat(format)).toList();
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                Map<String, Long> counts = new LinkedHashMap<>();
                for (DatasetSection section : included) {
                    counts.put(section.name(), section.count(h));
                }
                try (JsonGenerator g = json.getFactory().createGenerator(out)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.writeStartObject();
                    g.writeStringField("format", format.wireName());
                    g.writeNumberField("version", format.version());
                    g.writeObjectFieldStart("meta");
                    g.writeObjectFieldStart("counts");
                    for (var entry : counts.entrySet()) {
                        g.writeNumberField(entry.getKey(), entry.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                    for (DatasetSection section : included) {
                        g.writeArrayFieldStart(section.name());
                        section.export(h, g, format, FETCH_SIZE);
                        g.writeEndArray();
                    }
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
