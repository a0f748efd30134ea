package questlog.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.result.ResultIterator;
import questlog.common.EventLog;
import questlog.common.GameLookup;
import questlog.common.dataset.DatasetCopy;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.RecordFields;

/**
 * The journal's section of dataset documents: {@code playthroughs}, loaded after the catalog
 * sections, in the import's one transaction (see {@link DatasetSection}). In Questlog's own
 * format it carries every column ({@link ExportedPlaythroughs}); what follows is the bench format.
 * <p>
 * A playthrough refers to its edition (and the edition's game) by slug. Imported playthroughs
 * have source {@code import}; their status follows the dates (completed with
 * {@code completed_at}, playing with {@code started_at}, planned otherwise) and their playtime is
 * {@code playtime_hours} × 60 minutes; a platform (the format's platform slug, or any name) is
 * stored as its key, which the export writes back. A record whose id exists replaces that playthrough's
 * fields, so importing the same document twice changes nothing. Beyond the format, an
 * {@code edition} may be null when {@code game} is given (this server keeps playthroughs without
 * an edition, and exports them so).
 */
final class JournalDataset implements DatasetSection {
    static final String SECTION = "playthroughs";
    private static final Set<String> FIELDS = Set.of("id", "edition", "game", "platform", "started_at", "completed_at",
            "playtime_hours", "rating", "notes");

    private final GameLookup catalog;
    private final EventLog events;
    /** The section in Questlog's own format: every column, as stored. */
    private final ExportedPlaythroughs exportFormat;

    /** {@code events}: for the events of what an import wrote ({@link ImportedPlaythroughs}). */
    JournalDataset(GameLookup catalog, EventLog events) {
        this.catalog = catalog;
        this.events = events;
        this.exportFormat = new ExportedPlaythroughs(catalog, events);
    }

    /** One playthrough of the document, its fields checked. */
    record Row(int index, UUID id, String edition, String game, String platform, LocalDate startedAt,
               LocalDate completedAt, Integer playtimeHours, Integer rating, String notes) {}

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public Set<String> references() {
        return Set.of("games", "editions");
    }

    @Override
    public SectionImport begin(DatasetImport document) {
        if (document.format() == DatasetFormat.EXPORT) {
            return exportFormat.begin(document);
        }
        DatasetProblems problems = document.problems();
        List<Row> rows = new ArrayList<>();
        ImportedPlaythroughs written = new ImportedPlaythroughs();
        return new SectionImport() {
            @Override
            public void read(int index, JsonNode record) {
                Row row = row(index, record, problems);
                if (row != null) {
                    rows.add(row);
                }
            }

            @Override
            public DatasetCounts load(Handle h) {
                return JournalDataset.this.load(h, rows, document.now(), problems, written);
            }

            @Override
            public void recordEvents(Handle h) {
                written.recordEvents(h, events);
            }
        };
    }

    private static Row row(int index, JsonNode node, DatasetProblems problems) {
        RecordFields f = RecordFields.of(SECTION, index, node, problems, FIELDS);
        if (f == null) {
            return null;
        }
        UUID id = f.id();
        String edition = f.optionalSlugReference("edition");
        String game = f.optionalSlugReference("game");
        if (!node.hasNonNull("edition") && !node.hasNonNull("game")) {
            f.fail("edition", "is required (or, for a playthrough of no particular edition, game)");
        }
        String platform = f.optionalText("platform");
        if (platform != null && platform.length() > PlaythroughService.MAX_PLATFORM) {
            f.fail("platform", "must be at most " + PlaythroughService.MAX_PLATFORM + " characters");
        }
        LocalDate startedAt = date(f, "started_at");
        LocalDate completedAt = date(f, "completed_at");
        if (startedAt != null && completedAt != null && completedAt.isBefore(startedAt)) {
            f.fail("completed_at", "must not be before started_at (" + startedAt + ")");
        }
        Integer hours = f.optionalInt("playtime_hours", 0, PlaythroughService.MAX_PLAYTIME_MINUTES / 60);
        Integer rating = f.optionalInt("rating", 1, 10);
        String notes = f.optionalText("notes");
        return f.ok() ? new Row(index, id, edition, game, platform, startedAt, completedAt, hours, rating, notes) : null;
    }

    private static LocalDate date(RecordFields f, String field) {
        LocalDate date = f.optionalDate(field);
        if (date != null && (date.getYear() < PlaythroughService.MIN_YEAR || date.getYear() > PlaythroughService.MAX_YEAR)) {
            f.fail(field, "must be a date between " + PlaythroughService.MIN_YEAR + " and " + PlaythroughService.MAX_YEAR);
            return null;
        }
        return date;
    }

    /**
     * Checks the section against itself (unique ids) and the library as it stands on {@code h}
     * (editions and games by slug, an edition's game matching {@code game}), then writes it with
     * set-based upserts. Problems go to {@code problems}; when there are any, nothing of the
     * section is written (the caller rolls the transaction back).
     */
    private DatasetCounts load(Handle h, List<Row> rows, Instant now, DatasetProblems problems,
                               ImportedPlaythroughs written) {
        Map<UUID, Row> byId = new HashMap<>();
        Set<String> editionSlugs = new HashSet<>();
        Set<String> gameSlugs = new HashSet<>();
        for (Row row : rows) {
            Row earlier = byId.putIfAbsent(row.id(), row);
            if (earlier != null) {
                problems.record(SECTION, row.index(), row.id(), null, "id",
                        "is used twice in playthroughs: also at playthroughs[" + earlier.index() + "]");
            }
            if (row.edition() != null) {
                editionSlugs.add(row.edition());
            }
            if (row.game() != null) {
                gameSlugs.add(row.game());
            }
        }
        Map<String, GameLookup.EditionRef> editions = editionSlugs.isEmpty() ? Map.of() : catalog.editionsBySlug(h, editionSlugs);
        Map<String, GameLookup.GameRef> games = gameSlugs.isEmpty() ? Map.of() : catalog.gamesBySlug(h, gameSlugs);
        Map<UUID, GameLookup.GameRef> editionGames = new HashMap<>();
        Set<UUID> editionGameIds = new HashSet<>();
        editions.values().forEach(e -> editionGameIds.add(e.gameId()));
        if (!editionGameIds.isEmpty()) {
            editionGames.putAll(catalog.games(h, editionGameIds));
        }

        List<Object[]> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            UUID gameId = null;
            UUID editionId = null;
            if (row.edition() != null) {
                GameLookup.EditionRef edition = editions.get(row.edition());
                if (edition == null) {
                    problems.record(SECTION, row.index(), row.id(), null, "edition",
                            "refers to edition '" + row.edition() + "', which is neither in the document's editions nor in the library");
                    continue;
                }
                editionId = edition.id();
                gameId = edition.gameId();
                if (row.game() != null && !row.game().equals(editionGames.get(gameId).slug())) {
                    problems.record(SECTION, row.index(), row.id(), null, "game", "is '" + row.game() + "', but edition '"
                            + row.edition() + "' belongs to game '" + editionGames.get(gameId).slug() + "'");
                    continue;
                }
            } else {
                GameLookup.GameRef game = games.get(row.game());
                if (game == null) {
                    problems.record(SECTION, row.index(), row.id(), null, "game",
                            "refers to game '" + row.game() + "', which is neither in the document's games nor in the library");
                    continue;
                }
                gameId = game.id();
            }
            PlaythroughStatus status = StatusRule.ofNew(null, row.startedAt(), row.completedAt());
            values.add(new Object[] {row.id(), gameId, editionId, row.platform(), status.value(), text(row.startedAt()),
                    text(row.completedAt()), row.playtimeHours() == null ? null : row.playtimeHours() * 60, row.rating(),
                    row.notes()});
        }
        if (problems.count(SECTION) > 0) {
            return DatasetCounts.none(rows.size());
        }
        platformKeys(h, values);
        write(h, values, now, written);
        int created = written.created();
        int updated = written.changed();
        return new DatasetCounts(rows.size(), created, updated, values.size() - created - updated);
    }

    /**
     * Stages the rows with COPY, then rewrites the existing playthroughs whose values differ and
     * inserts the new ones, each in one statement: a fraction of the database's work of row
     * upserts (the change triggers run once, not once per chunk). Each row written goes to
     * {@code written}, for the import's events.
     */
    private static void write(Handle h, List<Object[]> rows, Instant now, ImportedPlaythroughs written) {
        h.execute("""
                CREATE TEMP TABLE import_playthrough (id uuid, game_id uuid, edition_id uuid, platform text, status text,
                    started_at date, completed_at date, playtime_minutes integer, rating smallint, notes text)
                ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_playthrough", "id, game_id, edition_id, platform, status, "
                + "started_at, completed_at, playtime_minutes, rating, notes")) {
            for (Object[] r : rows) {
                copy.uuid((UUID) r[0]).uuid((UUID) r[1]).uuid((UUID) r[2]).text((String) r[3]).text((String) r[4])
                        .text((String) r[5]).text((String) r[6]).number((Integer) r[7]).number((Integer) r[8])
                        .text((String) r[9]).endRow();
            }
            copy.finish();
        }
        h.execute("ANALYZE import_playthrough (id)");
        // First the existing ones (the rows inserted next would only compare equal).
        h.createQuery("""
                        UPDATE playthrough p
                        SET game_id = t.game_id, edition_id = t.edition_id, platform = t.platform, status = t.status,
                            started_at = t.started_at, completed_at = t.completed_at,
                            playtime_minutes = t.playtime_minutes, rating = t.rating, notes = t.notes, source = 'import',
                            updated_at = :now
                        FROM import_playthrough t
                        WHERE p.id = t.id
                          AND (p.game_id, p.edition_id, p.platform, p.status, p.started_at, p.completed_at,
                               p.playtime_minutes, p.rating, p.notes, p.source)
                              IS DISTINCT FROM
                              (t.game_id, t.edition_id, t.platform, t.status, t.started_at, t.completed_at,
                               t.playtime_minutes, t.rating, t.notes, 'import')
                        RETURNING p.id""")
                .bind("now", now)
                .mapTo(UUID.class)
                .forEach(id -> written.add(id, false));
        h.createQuery("""
                        INSERT INTO playthrough (id, game_id, edition_id, platform, status, started_at, completed_at,
                                                 playtime_minutes, rating, notes, source, created_at, updated_at)
                        SELECT t.id, t.game_id, t.edition_id, t.platform, t.status, t.started_at, t.completed_at,
                               t.playtime_minutes, t.rating, t.notes, 'import', :now, :now
                        FROM import_playthrough t
                        WHERE NOT EXISTS (SELECT 1 FROM playthrough p WHERE p.id = t.id)
                        RETURNING id""")
                .bind("now", now)
                .mapTo(UUID.class)
                .forEach(id -> written.add(id, true));
        h.execute("DROP TABLE import_playthrough");
    }

    /** Each row's platform name (column 3) to its key, as the API stores it ({@link PlatformDao}). */
    private static void platformKeys(Handle h, List<Object[]> values) {
        Set<String> names = new HashSet<>();
        values.forEach(v -> {
            if (v[3] != null) {
                names.add((String) v[3]);
            }
        });
        Map<String, String> keys = h.attach(PlatformDao.class).keysFor(names);
        values.forEach(v -> v[3] = v[3] == null ? null : keys.get((String) v[3]));
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** How many playthroughs the export will write. */
    @Override
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM playthrough").mapTo(Long.class).one();
    }

    /**
     * Writes the {@code playthroughs} member (name and array) in the dataset format, ordered by
     * id. Rows stream from a cursor in chunks; each chunk's games and editions are looked up in
     * the catalog, so memory stays flat whatever the journal's size. Run it in a read-only,
     * repeatable-read transaction.
     */
    @Override
    public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
        if (format == DatasetFormat.EXPORT) {
            ExportedPlaythroughs.export(h, out, fetchSize);
            return;
        }
        try (ResultIterator<Playthrough> rows = h.createQuery("SELECT " + PlaythroughDao.COLUMNS + " FROM playthrough p ORDER BY p.id")
                .setFetchSize(fetchSize)
                .map(ConstructorMapper.of(Playthrough.class))
                .iterator()) {
            List<Playthrough> chunk = new ArrayList<>(fetchSize);
            while (rows.hasNext()) {
                chunk.add(rows.next());
                if (chunk.size() == fetchSize) {
                    writeChunk(h, out, chunk);
                    chunk.clear();
                }
            }
            writeChunk(h, out, chunk);
        }
    }

    private void writeChunk(Handle h, JsonGenerator out, List<Playthrough> chunk) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        Set<UUID> gameIds = new HashSet<>();
        Set<UUID> editionIds = new HashSet<>();
        for (Playthrough p : chunk) {
            gameIds.add(p.gameId());
            if (p.editionId() != null) {
                editionIds.add(p.editionId());
            }
        }
        Map<UUID, GameLookup.GameRef> games = catalog.games(h, gameIds);
        Map<UUID, GameLookup.EditionRef> editions = editionIds.isEmpty() ? Map.of() : catalog.editions(h, editionIds);
        for (Playthrough p : chunk) {
            out.writeStartObject();
            out.writeStringField("id", p.id().toString());
            out.writeStringField("edition", p.editionId() == null ? null : editions.get(p.editionId()).slug());
            out.writeStringField("game", games.get(p.gameId()).slug());
            out.writeStringField("platform", p.platformKey() == null ? "" : p.platformKey());
            out.writeStringField("started_at", text(p.startedAt()));
            out.writeStringField("completed_at", text(p.completedAt()));
            if (p.playtimeTotal() == null) {
                out.writeNullField("playtime_hours");
            } else {
                out.writeNumberField("playtime_hours", BigDecimal.valueOf(p.playtimeTotal())
                        .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP).intValueExact());
            }
            if (p.rating() == null) {
                out.writeNullField("rating");
            } else {
                out.writeNumberField("rating", p.rating());
            }
            out.writeStringField("notes", p.notes() == null ? "" : p.notes());
            out.writeEndObject();
        }
    }
}
