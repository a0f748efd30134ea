package questlog.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.EventLog;
import questlog.common.InvalidInputException;

/**
 * Imports dataset documents (format questlog-bench-dataset, version 1) through a
 * {@link DatasetLoader}: app's, which loads every section of the format across the modules, or,
 * without one, the library's own ({@link CatalogOnly}), which loads a whole document's catalog in
 * one transaction: genres, franchises, games (with their genre links) and editions, keeping the
 * document's ids and resolving references by slug. A record whose id exists is updated to the
 * document's values, so importing the same document twice leaves the library as it was. Any
 * problem anywhere means nothing is written; the report lists the problems. A dry run does
 * everything, counts, and rolls back. On its own, the library counts and reports the sections of
 * the other modules (playthroughs, lists, list entries) without loading them.
 * <p>
 * Also takes the original Questlog's {@code {franchises, works, editions}} body
 * ({@link #importBody}), handled by {@link LegacyImporter}.
 */
final class DatasetImporter {
    private static final Logger log = LoggerFactory.getLogger(DatasetImporter.class);
    /** Serialises imports (both formats) with each other: "QuestLog" in ASCII. */
    static final long IMPORT_LOCK = 0x51756573744C6F67L;

    private final Jdbi jdbi;
    private final Clock clock;
    private final EventLog events;
    private final ImportBodyReader reader;
    private final LegacyImporter legacy;
    private final DatasetLoader loader;

    DatasetImporter(Jdbi jdbi, ObjectMapper json, Clock clock, EventLog events) {
        this(jdbi, json, clock, null, events);
    }

    /**
     * {@code loader} null: the library loads its own sections only. {@code events}: where the
     * games an import creates or changes are recorded (the loader records its own).
     */
    DatasetImporter(Jdbi jdbi, ObjectMapper json, Clock clock, DatasetLoader loader, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.loader = loader != null ? loader : new CatalogOnly();
        this.reader = new ImportBodyReader(json, this.loader::newDocument);
        this.legacy = new LegacyImporter(jdbi, clock, events);
    }

    /**
     * Imports a dataset document (the CLI's {@code import json FILE}). Never throws for bad
     * input: unreadable JSON, a conflicting concurrent write and every rule broken end up in the
     * report, with {@code ok} false.
     */
    ImportReport importDataset(InputStream in, boolean dryRun) {
        long started = System.nanoTime();
        ReadDataset doc;
        try {
            doc = reader.readDataset(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return unusable(dryRun, started, "The document is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (InvalidInputException e) {
            return unusable(dryRun, started, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return loader.load(doc.members(), dryRun, started);
        } catch (ImportConflictException e) {
            return unusable(dryRun, started, e.getMessage());
        }
    }

    /**
     * Imports a POST /api/import body of either format, told apart by its keys. Malformed JSON
     * and a wrongly shaped original-format body throw Jackson's exceptions (400s); broken rules
     * in the original format throw {@link InvalidInputException} (422); a concurrent write that
     * collides throws {@link ImportConflictException}.
     */
    ImportOutcome importBody(InputStream in, boolean dryRun) throws IOException {
        long started = System.nanoTime();
        ImportBody body = reader.read(in);
        return switch (body) {
            case ReadDataset doc -> new ImportOutcome.Dataset(loader.load(doc.members(), dryRun, started));
            case LegacyImportRequest request -> new ImportOutcome.Legacy(legacy.importBody(request, dryRun));
        };
    }

    /** The library on its own: loads the catalog sections, reports the others as unsupported. */
    private final class CatalogOnly implements DatasetLoader {
        @Override
        public DatasetMembers newDocument() {
            return new DatasetReader();
        }

        @Override
        public ImportReport load(DatasetMembers document, boolean dryRun, long startedNanos) {
            return DatasetImporter.this.load(((DatasetReader) document).finish(), dryRun, startedNanos);
        }
    }

    private ImportReport load(DatasetDocument doc, boolean dryRun, long started) {
        if (doc.format() == null || doc.version() == null) {
            return report(doc, dryRun, started, null);
        }
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", IMPORT_LOCK).mapTo(Integer.class).one();
                DatasetPlan plan = DatasetPlan.check(h, doc);
                if (!doc.errors().isEmpty()) {
                    h.rollback();
                    return report(doc, dryRun, started, null);
                }
                OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                DatasetWriter writer = new DatasetWriter(h, now);
                Map<String, DatasetWriter.Counts> counts = new LinkedHashMap<>();
                counts.put("genres", writer.genres(plan.genres, plan.existing.get("genre")));
                counts.put("franchises", writer.franchises(plan.franchises, plan.existing.get("franchise")));
                counts.put("games", writer.games(plan.games, plan.existing.get("game")));
                counts.put("editions", writer.editions(plan.editions, plan.existing.get("edition")));
                if (!dryRun) {
                    ImportEvents.record(h, events, now);
                }
                if (dryRun) {
                    h.rollback();
                } else {
                    h.commit();
                }
                ImportReport report = report(doc, dryRun, started, counts);
                log.info("Dataset import{} in {} ms: {}", dryRun ? " (dry run, rolled back)" : "", report.elapsedMs(),
                        summary(report));
                return report;
            } catch (RuntimeException e) {
                if (h.isInTransaction()) {
                    h.rollback();
                }
                if (ImportConflictException.isUniqueViolation(e)) {
                    throw new ImportConflictException("Another write took a slug or external id of the document while it "
                            + "was being imported; nothing was written, try again", e);
                }
                throw e;
            }
        }
    }

    private static ImportReport report(DatasetDocument doc, boolean dryRun, long started,
                                       Map<String, DatasetWriter.Counts> counts) {
        Map<String, ImportReport.SectionCounts> sections = new LinkedHashMap<>();
        doc.received().forEach((section, received) -> {
            DatasetWriter.Counts c = counts == null ? null : counts.get(section);
            sections.put(section, c == null
                    ? new ImportReport.SectionCounts(received, 0, 0, 0)
                    : new ImportReport.SectionCounts(received, c.created(), c.updated(), c.unchanged()));
        });
        List<String> notes = doc.unsupported().values().stream().anyMatch(n -> n > 0)
                ? List.of("playthroughs, lists and list_entries are not imported yet: this server has no journal or "
                        + "lists module so far. Their records were counted (unsupported_sections), not loaded.")
                : List.of();
        ImportErrors errors = doc.errors();
        return new ImportReport(errors.isEmpty(), dryRun, doc.format(), doc.version(), sections, doc.unsupported(), notes,
                errors.count(), errors.kept(), elapsedMs(started));
    }

    /** "games 20000 (20000 created, 0 updated, 0 unchanged), ..." for the log. */
    private static String summary(ImportReport report) {
        StringBuilder line = new StringBuilder();
        report.sections().forEach((section, c) -> line.append(line.isEmpty() ? "" : ", ").append(section).append(' ')
                .append(c.received()).append(" (").append(c.created()).append(" created, ").append(c.updated())
                .append(" updated, ").append(c.unchanged()).append(" unchanged)"));
        report.unsupportedSections().forEach((section, n) -> {
            if (n > 0) {
                line.append(", ").append(section).append(' ').append(n).append(" (not supported yet, not loaded)");
            }
        });
        return line.toString();
    }

    private static ImportReport unusable(boolean dryRun, long started, String message) {
        ImportErrors errors = new ImportErrors();
        errors.document(null, message);
        return new ImportReport(false, dryRun, null, null, Map.of(), Map.of(), List.of(), errors.count(), errors.kept(),
                elapsedMs(started));
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
