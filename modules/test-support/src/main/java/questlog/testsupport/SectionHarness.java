package questlog.testsupport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;

/**
 * Drives one module's {@link DatasetSection} the way the importer and exporter do, for the
 * module's own tests: records in, a load in one transaction, problems collected; or an export of
 * the section's records as a JSON array.
 */
public final class SectionHarness implements DatasetImport {
    private final DatasetFormat format;
    private final Instant now;
    private final DatasetProblems problems = new DatasetProblems();
    private final Map<Class<?>, Object> shared = new HashMap<>();

    public SectionHarness(DatasetFormat format, Instant now) {
        this.format = format;
        this.now = now;
    }

    @Override
    public DatasetFormat format() {
        return format;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public DatasetProblems problems() {
        return problems;
    }

    @Override
    public <T> T shared(Class<T> type, Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    /** Begins the section for this document and hands it every element of {@code records} (a JSON array). */
    public DatasetSection.SectionImport read(DatasetSection section, JsonNode records) {
        DatasetSection.SectionImport reading = section.begin(this);
        for (int i = 0; i < records.size(); i++) {
            reading.read(i, records.get(i));
        }
        return reading;
    }

    /** Loads what was read, in one transaction that commits (even with problems: the section writes nothing then). */
    public static DatasetCounts load(Jdbi jdbi, DatasetSection.SectionImport reading) {
        return jdbi.inTransaction(reading::load);
    }

    /** The section's export in {@code format} as a JSON array, in a read-only, repeatable-read transaction. */
    public static JsonNode export(Jdbi jdbi, ObjectMapper json, DatasetSection section, DatasetFormat format, int fetchSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jdbi.useTransaction(h -> {
            try (JsonGenerator g = json.getFactory().createGenerator(out)) {
                g.writeStartArray();
                section.export(h, g, format, fetchSize);
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return json.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
