package questlog.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.GameLookup;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection.SectionImport;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The {@code playthroughs} section in Questlog's own format ({@code questlog-export}): every
 * column of a playthrough as it is stored (status, completion, source and its reference, the
 * given playtime in minutes, both timestamps), so a backup restores it exactly. The session
 * totals are not in it: they follow from the {@code play_sessions} section. A record whose id
 * exists is rewritten with the document's values, timestamps included.
 */
final class ExportedPlaythroughs {
    private static final Set<String> FIELDS = Set.of("id", "game", "edition", "platform", "status", "started_at",
            "completed_at", "playtime_minutes", "rating", "completion", "notes", "source", "source_ref", "created_at",
            "updated_at");
    private static final List<String> STATUSES = Arrays.stream(PlaythroughStatus.values()).map(PlaythroughStatus::value).toList();
    private static final List<String> COMPLETIONS = Arrays.stream(Completion.values()).map(Completion::value).toList();
    private static final List<String> SOURCES = Arrays.stream(PlaythroughSource.values()).map(PlaythroughSource::value).toList();
    private static final int CHUNK = 5000;

    private final GameLookup catalog;
    private final EventLog events;

    ExportedPlaythroughs(GameLookup catalog, EventLog events) {
        this.catalog = catalog;
        this.events = events;
    }

    record Row(int index, UUID id, String game, String edition, String platform, String status, LocalDate startedAt,
               LocalDate completedAt, Integer playtimeMinutes, Integer rating, String completion, String notes,
               String source, String sourceRef, Instant createdAt, Instant updatedAt) {}

    SectionImport begin(DatasetImport document) {
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
                return ExportedPlaythroughs.this.load(h, rows, problems, written);
            }

            @Override
            public void recordEvents(Handle h) {
                written.recordEvents(h, events);
            }
        };
    }

    private static Row row(int index, JsonNode node, DatasetProblems problems) {
        RecordFields f = RecordFields.of(JournalDataset.SECTION, index, node, problems, FIELDS);
        if (f == null) {
            return null;
        }
        UUID id = f.id();
        String game = f.slugReference("game");
        String edition = f.optionalSlugReference("edition");
        String platform = f.optionalText("platform", PlaythroughService.MAX_PLATFORM);
        String status = f.choice("status", STATUSES);
        LocalDate startedAt = date(f, "started_at");
        LocalDate completedAt = date(f, "completed_at");
        if (startedAt != null && completedAt != null && completedAt.isBefore(startedAt)) {
            f.fail("completed_at", "must not be before started_at (" + startedAt + ")");
        }
        String source = f.choice("source", SOURCES);
        // An imported completion may have no date (a gist line that does not say when), as the
        // table allows; any other completion needs one.
        if (PlaythroughStatus.COMPLETED.value().equals(status) && completedAt == null && !node.hasNonNull("completed_at")
                && !PlaythroughSource.IMPORT.value().equals(source)) {
            f.fail("completed_at", "is required when status is completed (but for source import)");
        }
        Integer minutes = f.optionalInt("playtime_minutes", 0, PlaythroughService.MAX_PLAYTIME_MINUTES);
        Integer rating = f.optionalInt("rating", 1, 10);
        String completion = f.optionalChoice("completion", COMPLETIONS);
        String notes = f.optionalText("notes", PlaythroughService.MAX_NOTES);
        String sourceRef = f.optionalText("source_ref", PlaythroughService.MAX_SOURCE_REF);
        Instant createdAt = f.requiredTimestamp("created_at");
        Instant updatedAt = f.requiredTimestamp("updated_at");
        return f.ok() ? new Row(index, id, game, edition, platform, status, startedAt, completedAt, minutes, rating,
                completion, notes, source, sourceRef, createdAt, updatedAt) : null;
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
     * Checks the section against itself (unique ids and source references) and the library (the
     * game and edition by slug, the edition of that game, a source reference not another
     * playthrough's), then writes it with set-based upserts; nothing when there is a problem.
     */
    private DatasetCounts load(Handle h, List<Row> rows, DatasetProblems problems, ImportedPlaythroughs written) {
        String section = JournalDataset.SECTION;
        Map<UUID, Row> byId = new HashMap<>();
        Map<String, Row> byRef = new HashMap<>();
        Set<String> gameSlugs = new HashSet<>();
        Set<String> editionSlugs = new HashSet<>();
        for (Row row : rows) {
            Row earlier = byId.putIfAbsent(row.id(), row);
            if (earlier != null) {
                problems.record(section, row.index(), row.id(), null, "id",
                        "is used twice in playthroughs: also at playthroughs[" + earlier.index() + "]");
            }
            if (row.sourceRef() != null) {
                Row sameRef = byRef.putIfAbsent(row.source() + "\n" + row.sourceRef(), row);
                if (sameRef != null) {
                    problems.record(section, row.index(), row.id(), null, "source_ref", "is used twice for source "
                            + row.source() + ": also at playthroughs[" + sameRef.index() + "]");
                }
            }
            gameSlugs.add(row.game());
            if (row.edition() != null) {
                editionSlugs.add(row.edition());
            }
        }
        Map<String, GameLookup.GameRef> games = gameSlugs.isEmpty() ? Map.of() : catalog.gamesBySlug(h, gameSlugs);
        Map<String, GameLookup.EditionRef> editions = editionSlugs.isEmpty() ? Map.of() : catalog.editionsBySlug(h, editionSlugs);
        Map<String, UUID> refOwners = refOwners(h, rows);
        for (Row row : rows) {
            GameLookup.GameRef game = games.get(row.game());
            if (game == null) {
                problems.record(section, row.index(), row.id(), null, "game",
                        "refers to game '" + row.game() + "', which is neither in the document's games nor in the library");
            }
            if (row.edition() != null) {
                GameLookup.EditionRef edition = editions.get(row.edition());
                if (edition == null) {
                    problems.record(section, row.index(), row.id(), null, "edition", "refers to edition '" + row.edition()
                            + "', which is neither in the document's editions nor in the library");
                } else if (game != null && !edition.gameId().equals(game.id())) {
                    problems.record(section, row.index(), row.id(), null, "edition",
                            "is an edition of another game than '" + row.game() + "'");
                }
            }
            UUID owner = row.sourceRef() == null ? null : refOwners.get(row.source() + "\n" + row.sourceRef());
            if (owner != null && !owner.equals(row.id())) {
                problems.record(section, row.index(), row.id(), null, "source_ref",
                        "is already the source_ref of another " + row.source() + " playthrough in the library (id " + owner + ")");
            }
        }
        if (problems.count(section) > 0) {
            return DatasetCounts.none(rows.size());
        }
        Map<String, String> platformKeys = platformKeys(h, rows);
        for (int from = 0; from < rows.size(); from += CHUNK) {
            upsert(h, rows.subList(from, Math.min(rows.size(), from + CHUNK)), games, editions, platformKeys, written);
        }
        int created = written.created();
        int updated = written.changed();
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    /** The library's playthroughs holding the document's source references, by "source\nref". */
    private static Map<String, UUID> refOwners(Handle h, List<Row> rows) {
        List<Row> withRef = rows.stream().filter(r -> r.sourceRef() != null).toList();
        Map<String, UUID> owners = new HashMap<>();
        if (withRef.isEmpty()) {
            return owners;
        }
        h.createQuery("""
                        SELECT p.id, p.source, p.source_ref
                        FROM playthrough p
                        JOIN unnest(CAST(:sources AS text[]), CAST(:refs AS text[])) AS t(source, ref)
                          ON p.source = t.source AND p.source_ref = t.ref""")
                .bindArray("sources", String.class, withRef.stream().map(Row::source).toList())
                .bindArray("refs", String.class, withRef.stream().map(Row::sourceRef).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("source") + "\n" + rs.getString("source_ref"),
                        rs.getObject("id", UUID.class)))
                .forEach(e -> owners.put(e.getKey(), e.getValue()));
        return owners;
    }

    /**
     * The platform key of each row's platform: a key the library has (a known platform, or one the
     * {@code platforms} section just restored) is kept as written; any other name is normalised as
     * the API does, registering a platform not seen before ({@link PlatformDao}).
     */
    private static Map<String, String> platformKeys(Handle h, List<Row> rows) {
        Set<String> written = new HashSet<>();
        rows.stream().map(Row::platform).filter(Objects::nonNull).forEach(written::add);
        Map<String, String> keys = new HashMap<>();
        if (written.isEmpty()) {
            return keys;
        }
        h.createQuery("SELECT key FROM platform WHERE key = ANY(:keys)")
                .bindArray("keys", String.class, written).mapTo(String.class)
                .forEach(key -> keys.put(key, key));
        Set<String> names = new HashSet<>(written);
        names.removeAll(keys.keySet());
        keys.putAll(h.attach(PlatformDao.class).keysFor(names));
        return keys;
    }

    /** Inserts new playthroughs and rewrites existing ones whose values differ; each row written goes to {@code written}. */
    private static void upsert(Handle h, List<Row> rows, Map<String, GameLookup.GameRef> games,
                               Map<String, GameLookup.EditionRef> editions, Map<String, String> platformKeys,
                               ImportedPlaythroughs written) {
        h.createQuery("""
                        INSERT INTO playthrough AS p (id, game_id, edition_id, platform, status, started_at, completed_at,
                                                      playtime_minutes, rating, completion, notes, source, source_ref,
                                                      created_at, updated_at)
                        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:games AS uuid[]), CAST(:editions AS uuid[]),
                                             CAST(:platforms AS text[]), CAST(:statuses AS text[]), CAST(:starts AS date[]),
                                             CAST(:ends AS date[]), CAST(:minutes AS integer[]), CAST(:ratings AS integer[]),
                                             CAST(:completions AS text[]), CAST(:notes AS text[]), CAST(:sources AS text[]),
                                             CAST(:refs AS text[]), CAST(:created AS timestamptz[]),
                                             CAST(:updated AS timestamptz[]))
                        ON CONFLICT (id) DO UPDATE
                        SET game_id = excluded.game_id, edition_id = excluded.edition_id, platform = excluded.platform,
                            status = excluded.status, started_at = excluded.started_at,
                            completed_at = excluded.completed_at, playtime_minutes = excluded.playtime_minutes,
                            rating = excluded.rating, completion = excluded.completion, notes = excluded.notes,
                            source = excluded.source, source_ref = excluded.source_ref,
                            created_at = excluded.created_at, updated_at = excluded.updated_at
                        WHERE (p.game_id, p.edition_id, p.platform, p.status, p.started_at, p.completed_at,
                               p.playtime_minutes, p.rating, p.completion, p.notes, p.source, p.source_ref,
                               p.created_at, p.updated_at)
                              IS DISTINCT FROM
                              (excluded.game_id, excluded.edition_id, excluded.platform, excluded.status,
                               excluded.started_at, excluded.completed_at, excluded.playtime_minutes, excluded.rating,
                               excluded.completion, excluded.notes, excluded.source, excluded.source_ref,
                               excluded.created_at, excluded.updated_at)
                        RETURNING p.id, (xmax = 0) AS created""")
                .bindArray("ids", UUID.class, column(rows, Row::id))
                .bindArray("games", UUID.class, column(rows, r -> games.get(r.game()).id()))
                .bindArray("editions", UUID.class, column(rows, r -> r.edition() == null ? null : editions.get(r.edition()).id()))
                .bindArray("platforms", String.class, column(rows, r -> r.platform() == null ? null : platformKeys.get(r.platform())))
                .bindArray("statuses", String.class, column(rows, Row::status))
                .bindArray("starts", String.class, column(rows, r -> text(r.startedAt())))
                .bindArray("ends", String.class, column(rows, r -> text(r.completedAt())))
                .bindArray("minutes", Integer.class, column(rows, Row::playtimeMinutes))
                .bindArray("ratings", Integer.class, column(rows, Row::rating))
                .bindArray("completions", String.class, column(rows, Row::completion))
                .bindArray("notes", String.class, column(rows, Row::notes))
                .bindArray("sources", String.class, column(rows, Row::source))
                .bindArray("refs", String.class, column(rows, Row::sourceRef))
                .bindArray("created", String.class, column(rows, r -> r.createdAt().toString()))
                .bindArray("updated", String.class, column(rows, r -> r.updatedAt().toString()))
                .map((rs, ctx) -> {
                    written.add(rs.getObject("id", UUID.class), rs.getBoolean("created"));
                    return null;
                })
                .list();
    }

    private static List<Object> column(List<Row> rows, Function<Row, ?> value) {
        List<Object> values = new ArrayList<>(rows.size());
        rows.forEach(r -> values.add(value.apply(r)));
        return values;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** Writes the section's records, ordered by id, streamed from a cursor. */
    static void export(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT p.id, g.slug AS game, e.slug AS edition, p.platform, p.status, p.started_at, p.completed_at,
                       p.playtime_minutes, p.rating, p.completion, p.notes, p.source, p.source_ref, p.created_at,
                       p.updated_at
                FROM playthrough p JOIN game g ON g.id = p.game_id LEFT JOIN edition e ON e.id = p.edition_id
                ORDER BY p.id""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "game");
            ExportRows.text(out, rs, "edition");
            ExportRows.text(out, rs, "platform");
            ExportRows.text(out, rs, "status");
            ExportRows.date(out, rs, "started_at");
            ExportRows.date(out, rs, "completed_at");
            ExportRows.number(out, rs, "playtime_minutes");
            ExportRows.number(out, rs, "rating");
            ExportRows.text(out, rs, "completion");
            ExportRows.text(out, rs, "notes");
            ExportRows.text(out, rs, "source");
            ExportRows.text(out, rs, "source_ref");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
