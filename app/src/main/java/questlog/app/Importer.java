package questlog.app;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatasetCounts;
import questlog.common.DatasetProblem;
import questlog.common.DatasetProblems;
import questlog.journal.JournalDataset;
import questlog.library.CatalogDataset;
import questlog.library.DatasetLoader;
import questlog.library.DatasetMembers;
import questlog.library.ImportConflictException;
import questlog.library.ImportReport;
import questlog.lists.ListsDataset;

/**
 * Imports whole dataset documents (format questlog-bench-dataset, version 1) across the modules,
 * for POST /api/import and {@code questlog import json}. While the document streams in, each
 * top-level member goes to the module that owns it: the header and the catalog sections to the
 * library, {@code playthroughs} to the journal, {@code lists} and {@code list_entries} to lists.
 * Then one transaction, under the import lock, loads the sections in the order of the format,
 * each module checking its references against what the earlier ones just wrote: all or nothing.
 * A dry run does everything and rolls back. The SQL stays in the modules; this class only
 * orders the steps and assembles the report.
 */
final class Importer implements DatasetLoader {
    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    private static final int LARGE_IMPORT_RECORDS = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final CatalogDataset catalog;
    private final JournalDataset journal;
    private final ListsDataset lists;

    Importer(Jdbi jdbi, Clock clock, CatalogDataset catalog, JournalDataset journal, ListsDataset lists) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.journal = journal;
        this.lists = lists;
    }

    /** One document's members, each read by its module as it streams past. */
    final class Document implements DatasetMembers {
        private final CatalogDataset.Reading catalogReading = catalog.reading();
        private final DatasetProblems journalProblems = new DatasetProblems();
        private final DatasetProblems listsProblems = new DatasetProblems();
        private final ListsDataset.Sections listSections = lists.sections();
        private final Set<String> seen = new HashSet<>();
        private JournalDataset.Section playthroughs = journal.empty();

        @Override
        public void member(String key, JsonParser parser) throws IOException {
            boolean other = CatalogDataset.OTHER_SECTIONS.contains(key);
            if (other && !seen.add(key)) {
                (key.equals(JournalDataset.SECTION) ? journalProblems : listsProblems).section(key, "appears twice in the document");
                parser.skipChildren();
                return;
            }
            switch (key) {
                case JournalDataset.SECTION -> playthroughs = journal.read(parser, journalProblems);
                case ListsDataset.LISTS -> lists.readLists(parser, listSections, listsProblems);
                case ListsDataset.ENTRIES -> lists.readEntries(parser, listSections, listsProblems);
                default -> catalogReading.member(key, parser);
            }
        }

        @Override
        public boolean headerRejected() {
            return catalogReading.headerRejected();
        }
    }

    @Override
    public DatasetMembers newDocument() {
        return new Document();
    }

    @Override
    public ImportReport load(DatasetMembers members, boolean dryRun, long startedNanos) {
        Document doc = (Document) members;
        doc.catalogReading.finish();
        if (!doc.catalogReading.headerValid()) {
            // Another format or version: only the header's problems are worth telling.
            return report(doc, dryRun, startedNanos, null, List.of());
        }
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                catalog.lock(h);
                Instant now = clock.instant();
                Map<String, DatasetCounts> counts = new LinkedHashMap<>();
                List<String> notes = new ArrayList<>();
                Optional<Map<String, DatasetCounts>> catalogCounts = catalog.load(h, doc.catalogReading, now);
                if (catalogCounts.isPresent()) {
                    counts.putAll(catalogCounts.get());
                    counts.put(JournalDataset.SECTION, journal.load(h, doc.playthroughs, now, doc.journalProblems));
                    ListsDataset.Counts listCounts = lists.load(h, doc.listSections, now, doc.listsProblems);
                    counts.put(ListsDataset.LISTS, listCounts.lists());
                    counts.put(ListsDataset.ENTRIES, listCounts.entries());
                } else {
                    notes.add("The references of playthroughs, lists and list_entries to games and editions were not "
                            + "checked, since the catalog sections have problems; fix those first.");
                }
                boolean ok = catalogCounts.isPresent() && doc.journalProblems.isEmpty() && doc.listsProblems.isEmpty();
                if (ok && !dryRun) {
                    catalog.recordEvents(h, now); // last: events are appended after every other write
                    h.commit();
                } else {
                    h.rollback();
                }
                ImportReport report = report(doc, dryRun, startedNanos, ok ? counts : null, notes);
                returnMemoryAfterLargeImport(counts);
                log.info("Dataset import{}{}: {} in {} ms", dryRun ? " (dry run)" : "",
                        ok ? "" : " refused (" + report.errorCount() + " problems)", summary(report), report.elapsedMs());
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

    /**
     * A large import holds the whole document's records for a moment (tens of MB for a full
     * library); afterwards the server mostly idles. A full collection then lets the heap shrink
     * back (with SerialGC and MaxHeapFreeRatio, as the Dockerfile and benchmark run it) instead of
     * keeping the import's peak resident. Imports are rare, so the pause does not matter.
     */
    private static void returnMemoryAfterLargeImport(Map<String, DatasetCounts> counts) {
        int records = counts.values().stream().mapToInt(DatasetCounts::received).sum();
        if (records >= LARGE_IMPORT_RECORDS) {
            // A moment later, when the request is done and its document no longer reachable. Serial
            // GC gives back a growing share of free heap on consecutive full collections (0 %, 10 %,
            // 40 %, then all of it), hence four.
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 4; i++) {
                    System.gc();
                }
            }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
        }
    }

    /** "games 20000 (20000 created, 0 updated, 0 unchanged), ..." for the log. */
    private static String summary(ImportReport report) {
        StringBuilder line = new StringBuilder();
        report.sections().forEach((section, c) -> line.append(line.isEmpty() ? "" : ", ").append(section).append(' ')
                .append(c.received()).append(" (").append(c.created()).append(" created, ").append(c.updated())
                .append(" updated, ").append(c.unchanged()).append(" unchanged)"));
        return line.toString();
    }

    /** The report over every section, in the order of the format; {@code counts} null when nothing was loaded. */
    private static ImportReport report(Document doc, boolean dryRun, long startedNanos, Map<String, DatasetCounts> counts,
                                       List<String> notes) {
        Map<String, Integer> received = new LinkedHashMap<>(doc.catalogReading.received());
        received.put(JournalDataset.SECTION, doc.playthroughs.received());
        received.put(ListsDataset.LISTS, doc.listSections.listsReceived());
        received.put(ListsDataset.ENTRIES, doc.listSections.entriesReceived());
        Map<String, ImportReport.SectionCounts> sections = new LinkedHashMap<>();
        received.forEach((section, n) -> {
            DatasetCounts c = counts == null ? null : counts.get(section);
            sections.put(section, c == null ? new ImportReport.SectionCounts(n, 0, 0, 0)
                    : new ImportReport.SectionCounts(n, c.created(), c.updated(), c.unchanged()));
        });
        boolean headerOnly = !doc.catalogReading.headerValid();
        List<ImportReport.RecordError> errors = new ArrayList<>(doc.catalogReading.problems());
        int errorCount = doc.catalogReading.problemCount();
        if (!headerOnly) {
            for (DatasetProblems problems : List.of(doc.journalProblems, doc.listsProblems)) {
                errorCount += problems.count();
                for (DatasetProblem p : problems.kept()) {
                    if (errors.size() < ImportReport.MAX_ERRORS) {
                        errors.add(new ImportReport.RecordError(p.section(), p.index(), p.id(), p.slug(), p.field(), p.message()));
                    }
                }
            }
        }
        return new ImportReport(errorCount == 0, dryRun, doc.catalogReading.format(), doc.catalogReading.version(),
                sections, Map.of(), notes, errorCount, errors, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
