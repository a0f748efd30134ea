package questlog.common.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Json;

/**
 * Imports dataset documents ({@link DatasetFormat}) over the sections the modules contribute, in
 * one transaction: all or nothing. While a document streams in, each top-level member goes to
 * the section of that name ({@link Document#member}); the header ({@code format},
 * {@code version}, {@code meta}) is the importer's own. Then, under the import lock, every
 * section of the document's format loads in order, each checking its references against what
 * the earlier ones just wrote; once a section has problems the later ones are not loaded (their
 * references could not be checked against data that will not be written), which the report
 * notes. A dry run does everything and rolls back. The SQL stays in the sections. A large
 * document loads the tables it finds empty in bulk ({@link BulkLoad}).
 */
public final class DatasetImporter {
    private static final Logger log = LoggerFactory.getLogger(DatasetImporter.class);
    /** Serialises imports with each other (the library's import of the original's body takes it too): "QuestLog". */
    public static final long IMPORT_LOCK = 0x51756573744C6F67L;
    private static final Set<String> HEADER = Set.of("format", "version", "meta");
    /**
     * From how many records a document loads empty tables in bulk ({@link BulkLoad}): below it
     * the row-by-row checks and index entries cost well under a second, not worth taking the
     * tables from readers.
     */
    public static final int BULK_LOAD_FROM = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectReader values;
    private final List<DatasetSection> sections;
    private final int bulkLoadFrom;

    public DatasetImporter(Jdbi jdbi, ObjectMapper json, Clock clock, List<DatasetSection> sections) {
        this(jdbi, json, clock, sections, BULK_LOAD_FROM);
    }

    /** With another threshold for bulk loads than {@link #BULK_LOAD_FROM} (tests use small documents). */
    public DatasetImporter(Jdbi jdbi, ObjectMapper json, Clock clock, List<DatasetSection> sections, int bulkLoadFrom) {
        this.bulkLoadFrom = bulkLoadFrom;
        this.jdbi = jdbi;
        this.clock = clock;
        // Values are read one at a time out of the body's stream: the value's end is not the input's.
        // Read as request bodies are: a member name twice in one object refuses the document.
        this.values = Json.bodyReader(json).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.sections = List.copyOf(sections);
        Set<String> names = new HashSet<>(HEADER);
        for (DatasetSection section : sections) {
            if (!names.add(section.name())) {
                throw new IllegalArgumentException("two dataset sections are named " + section.name());
            }
        }
    }

    /** Every top-level member name a document of some format may have: the header's and the sections'. */
    public Set<String> memberNames() {
        Set<String> names = new LinkedHashSet<>(List.of("format", "version", "meta"));
        sections.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The section names of a format, in document order. */
    public List<String> sectionNames(DatasetFormat format) {
        return sections.stream().filter(s -> s.inFormat(format)).map(DatasetSection::name).toList();
    }

    /**
     * Reads and imports a whole document (the CLI's {@code import json}). Never throws for bad
     * input: unreadable JSON, a conflicting concurrent write and every broken rule end up in the
     * report, with {@code ok} false.
     */
    public ImportReport importStream(InputStream in, boolean dryRun) {
        long started = System.nanoTime();
        Document doc = newDocument();
        try (JsonParser p = values.createParser(in)) {
            p.setCodec(values);
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return ImportReport.unusable(dryRun, started, first == null ? "The document is empty; expected a JSON object"
                        : "The document must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                doc.member(key, p);
                if (doc.headerRejected()) {
                    break;
                }
            }
        } catch (JsonProcessingException e) {
            var twice = Json.duplicateMember(e);
            if (twice.isPresent()) {
                return ImportReport.unusable(dryRun, started, "The document has the member " + twice.get()
                        + " twice (each name appears at most once in an object)");
            }
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return ImportReport.unusable(dryRun, started, "The document is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return load(doc, dryRun, started);
        } catch (ImportConflictException e) {
            return ImportReport.unusable(dryRun, started, e.getMessage());
        }
    }

    /** A fresh receiver for the members of one document. */
    public Document newDocument() {
        return new Document();
    }

    /**
     * Receives the top-level members of one document as it streams past. Members of a section
     * that come before {@code format} (which decides how records are read) are held as tokens
     * until it arrives.
     */
    public final class Document implements DatasetImport {
        private final DatasetProblems problems = new DatasetProblems();
        private final DatasetProblems headerProblems = new DatasetProblems();
        private final Set<String> seen = new HashSet<>();
        private final Map<String, TokenBuffer> early = new LinkedHashMap<>();
        private final Map<String, DatasetSection.SectionImport> imports = new LinkedHashMap<>();
        private final Map<String, Integer> received = new HashMap<>();
        private final Map<Class<?>, Object> shared = new HashMap<>();
        private final Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        private DatasetFormat format;
        private Integer version;
        private boolean finished;

        private Document() {}

        @Override
        public DatasetFormat format() {
            if (format == null) {
                throw new IllegalStateException("the document's format is not known yet");
            }
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

        /** Reads one member's value; the parser is on its first token and is left on its last. */
        public void member(String key, JsonParser p) throws IOException {
            if (!seen.add(key)) {
                problems.document(key, "appears twice in the document");
                p.skipChildren();
                return;
            }
            switch (key) {
                case "format" -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING || DatasetFormat.byWireName(p.getText()).isEmpty()) {
                        headerProblems.document("format", "must be " + DatasetFormat.names());
                    } else {
                        format = DatasetFormat.byWireName(p.getText()).orElseThrow();
                        checkVersion();
                        replayEarlyMembers();
                    }
                    p.skipChildren();
                }
                case "version" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        headerProblems.document("version", "must be a whole number (1)");
                    } else {
                        version = p.getIntValue();
                        checkVersion();
                    }
                    p.skipChildren();
                }
                case "meta" -> p.skipChildren();
                default -> {
                    if (format == null && sections.stream().anyMatch(s -> s.name().equals(key))) {
                        TokenBuffer buffer = new TokenBuffer(p);
                        buffer.copyCurrentStructure(p);
                        early.put(key, buffer);
                    } else {
                        section(key, p);
                    }
                }
            }
        }

        /** True once the document is known to be of another format or version: reading on is pointless. */
        public boolean headerRejected() {
            return !headerProblems.isEmpty();
        }

        private void checkVersion() {
            if (format != null && version != null && version != format.version()) {
                headerProblems.document("version", "version " + version + " of " + format.wireName()
                        + " is not supported; this server reads version " + format.version());
            }
        }

        private void replayEarlyMembers() throws IOException {
            for (var entry : early.entrySet()) {
                try (JsonParser replay = entry.getValue().asParser(values)) {
                    replay.nextToken();
                    section(entry.getKey(), replay);
                }
            }
            early.clear();
        }

        private void section(String name, JsonParser p) throws IOException {
            DatasetSection.SectionImport target = sectionImport(name);
            if (target == null) {
                problems.document(name, "unknown member; a " + format.wireName() + " version " + format.version()
                        + " document has " + String.join(", ", memberNamesOf(format)));
                p.skipChildren();
                return;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                problems.section(name, "must be an array");
                p.skipChildren();
                return;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode record = p.readValueAsTree();
                target.read(index++, record);
            }
            received.put(name, index);
        }

        private DatasetSection.SectionImport sectionImport(String name) {
            beginSections();
            return imports.get(name);
        }

        /** Every section of the format gets its import once the format is known (absent ones stay empty). */
        private void beginSections() {
            if (imports.isEmpty() && format != null) {
                for (DatasetSection section : sections) {
                    if (section.inFormat(format)) {
                        imports.put(section.name(), section.begin(this));
                    }
                }
            }
        }

        /** Ends reading: the header's own problems are known now. */
        private void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (headerProblems.isEmpty()) {
                if (format == null) {
                    headerProblems.document("format", "is required: " + DatasetFormat.names());
                }
                if (version == null) {
                    headerProblems.document("version", "is required (1)");
                }
            }
            beginSections();
        }

        private boolean headerValid() {
            return headerProblems.isEmpty();
        }
    }

    private List<String> memberNamesOf(DatasetFormat format) {
        List<String> names = new ArrayList<>(List.of("format", "version", "meta"));
        names.addAll(sectionNames(format));
        return names;
    }

    /**
     * Checks and loads a document read into {@code doc} (one made by {@link #newDocument}), all or
     * nothing; rolls back when {@code dryRun}. Problems are answered in the report ({@code ok}
     * false); a collision with a concurrent write throws {@link ImportConflictException}.
     *
     * @param startedNanos {@link System#nanoTime()} when reading began, for the report's elapsed time
     */
    public ImportReport load(Document doc, boolean dryRun, long startedNanos) {
        doc.finish();
        if (!doc.headerValid()) {
            // Another format or version: only the header's problems are worth telling.
            return report(doc, doc.headerProblems, dryRun, startedNanos, Map.of(), List.of());
        }
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", IMPORT_LOCK).mapTo(Integer.class).one();
                int records = doc.received.values().stream().mapToInt(Integer::intValue).sum();
                BulkLoad bulk = records >= bulkLoadFrom ? BulkLoad.prepare(h) : BulkLoad.NONE;
                Map<String, DatasetCounts> counts = new LinkedHashMap<>();
                List<String> notes = new ArrayList<>();
                // A section with problems writes nothing; sections that refer to it (or to one left
                // unloaded for that reason) cannot have their references checked, so they are not loaded.
                Set<String> unwritten = new HashSet<>();
                Map<String, List<String>> skipped = new LinkedHashMap<>();
                for (DatasetSection section : sections) {
                    DatasetSection.SectionImport target = doc.imports.get(section.name());
                    if (target == null) {
                        continue;
                    }
                    List<String> blocked = section.references().stream().filter(unwritten::contains).toList();
                    if (!blocked.isEmpty()) {
                        unwritten.add(section.name());
                        skipped.put(section.name(), blocked);
                        continue;
                    }
                    int received = doc.received.getOrDefault(section.name(), 0);
                    counts.put(section.name(), target.load(h).withReceived(received));
                    if (doc.problems.count(section.name()) > 0 || target.wroteNothing()) {
                        unwritten.add(section.name());
                    }
                }
                skipped.forEach((name, blockedBy) -> notes.add("The references of " + name + " were not checked, since "
                        + String.join(" and ", blockedBy) + " has problems; fix those first."));
                boolean ok = doc.problems.isEmpty();
                if (ok && bulk != BulkLoad.NONE) {
                    bulk.finish(h);   // a dry run too: it checks the references as the import would
                    notes.add("The tables that were empty were loaded in bulk: their references were checked ("
                            + bulk.foreignKeys() + " foreign keys) and their indexes built (" + bulk.indexes()
                            + ") once, after loading; meanwhile the import had them and the tables they refer to to itself.");
                }
                if (ok && !dryRun) {
                    for (DatasetSection.SectionImport section : doc.imports.values()) {
                        section.recordEvents(h);   // last: events are appended after every other write
                    }
                    h.commit();
                } else {
                    h.rollback();
                }
                ImportReport report = report(doc, doc.problems, dryRun, startedNanos, ok ? counts : Map.of(), notes);
                log.info("Dataset import{}{}: {} in {} ms", dryRun ? " (dry run)" : "",
                        ok ? "" : " refused (" + report.errorCount() + " problems)", summary(report), report.elapsedMs());
                return report;
            } catch (RuntimeException e) {
                if (h.isInTransaction()) {
                    h.rollback();
                }
                throw ImportConflictException.orFailure(e, "document");
            }
        }
    }

    /** The report over every section of the format, in document order; {@code counts} empty when nothing was loaded. */
    private static ImportReport report(Document doc, DatasetProblems problems, boolean dryRun, long startedNanos,
                                       Map<String, DatasetCounts> counts, List<String> notes) {
        Map<String, ImportReport.SectionCounts> sections = new LinkedHashMap<>();
        for (String name : doc.imports.keySet()) {
            int received = doc.received.getOrDefault(name, 0);
            DatasetCounts c = counts.get(name);
            sections.put(name, c == null ? new ImportReport.SectionCounts(received, 0, 0, 0, 0)
                    : new ImportReport.SectionCounts(received, c.created(), c.updated(), c.unchanged(), c.matched()));
        }
        return new ImportReport(problems.isEmpty(), dryRun, doc.format == null ? null : doc.format.wireName(),
                doc.version, sections, notes, problems.count(), problems.kept(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** "games 20000 (20000 created, 0 updated, 0 unchanged), ..." for the log. */
    private static String summary(ImportReport report) {
        StringBuilder line = new StringBuilder();
        report.sections().forEach((section, c) -> line.append(line.isEmpty() ? "" : ", ").append(section).append(' ')
                .append(c.received()).append(" (").append(c.created()).append(" created, ").append(c.updated())
                .append(" updated, ").append(c.unchanged()).append(" unchanged").append(c.matched() > 0
                        ? ", " + c.matched() + " matched" : "").append(')'));
        return line.toString();
    }
}
