package questlog.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The {@code play_sessions} section of Questlog's own format (the bench format has none): every
 * session with its id, playthrough (by id), start, minutes, note and timestamps. Loaded after
 * the playthroughs; sessions are added or rewritten by id (a session the library has and the
 * document lacks stays), and the session totals of every playthrough they touch are counted
 * again, without changing the playthrough's {@code updated_at} (the document's is kept).
 */
final class PlaySessionsDataset implements DatasetSection {
    static final String SECTION = "play_sessions";
    private static final Set<String> FIELDS = Set.of("id", "playthrough", "started_at", "minutes", "note", "created_at",
            "updated_at");
    private static final int CHUNK = 5000;

    record Row(int index, UUID id, UUID playthrough, Instant startedAt, int minutes, String note, Instant createdAt,
               Instant updatedAt) {}

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public Set<String> references() {
        return Set.of(JournalDataset.SECTION);
    }

    @Override
    public boolean inFormat(DatasetFormat format) {
        return format == DatasetFormat.EXPORT;
    }

    @Override
    public SectionImport begin(DatasetImport document) {
        DatasetProblems problems = document.problems();
        List<Row> rows = new ArrayList<>();
        return new SectionImport() {
            @Override
            public void read(int index, JsonNode record) {
                RecordFields f = RecordFields.of(SECTION, index, record, problems, FIELDS);
                if (f == null) {
                    return;
                }
                UUID id = f.id();
                UUID playthrough = f.uuidReference("playthrough");
                Instant startedAt = f.requiredTimestamp("started_at");
                if (startedAt != null) {
                    int year = startedAt.atZone(ZoneOffset.UTC).getYear();
                    if (year < PlaythroughService.MIN_YEAR || year > PlaythroughService.MAX_YEAR) {
                        f.fail("started_at", "must be between " + PlaythroughService.MIN_YEAR + " and " + PlaythroughService.MAX_YEAR);
                    }
                }
                if (!record.hasNonNull("minutes")) {
                    f.fail("minutes", "is required");
                }
                Integer minutes = f.optionalInt("minutes", 1, 1440);
                String note = f.optionalText("note", PlaythroughService.MAX_NOTES);
                Instant createdAt = f.requiredTimestamp("created_at");
                Instant updatedAt = f.requiredTimestamp("updated_at");
                if (f.ok()) {
                    rows.add(new Row(index, id, playthrough, startedAt, minutes, note, createdAt, updatedAt));
                }
            }

            @Override
            public DatasetCounts load(Handle h) {
                return PlaySessionsDataset.load(h, rows, problems);
            }
        };
    }

    private static DatasetCounts load(Handle h, List<Row> rows, DatasetProblems problems) {
        Map<UUID, Row> byId = new HashMap<>();
        Set<UUID> playthroughs = new HashSet<>();
        for (Row row : rows) {
            Row earlier = byId.putIfAbsent(row.id(), row);
            if (earlier != null) {
                problems.record(SECTION, row.index(), row.id(), null, "id",
                        "is used twice in play_sessions: also at play_sessions[" + earlier.index() + "]");
            }
            playthroughs.add(row.playthrough());
        }
        Set<UUID> known = new HashSet<>(playthroughs.isEmpty() ? List.of()
                : h.createQuery("SELECT id FROM playthrough WHERE id = ANY(:ids)")
                        .bindArray("ids", UUID.class, playthroughs).mapTo(UUID.class).list());
        for (Row row : rows) {
            if (!known.contains(row.playthrough())) {
                problems.record(SECTION, row.index(), row.id(), null, "playthrough", "refers to playthrough "
                        + row.playthrough() + ", which is neither in the document's playthroughs nor in the library");
            }
        }
        if (problems.count(SECTION) > 0 || rows.isEmpty()) {
            return DatasetCounts.none(rows.size());
        }
        // A session the document moves to another playthrough leaves its old one's totals to recount.
        Set<UUID> touched = new HashSet<>(playthroughs);
        touched.addAll(h.createQuery("SELECT playthrough_id FROM play_session WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, byId.keySet()).mapTo(UUID.class).list());
        int created = 0;
        int updated = 0;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            List<Boolean> written = h.createQuery("""
                            INSERT INTO play_session AS s (id, playthrough_id, started_at, minutes, note, created_at, updated_at)
                            SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:playthroughs AS uuid[]),
                                                 CAST(:starts AS timestamptz[]), CAST(:minutes AS integer[]),
                                                 CAST(:notes AS text[]), CAST(:created AS timestamptz[]),
                                                 CAST(:updated AS timestamptz[]))
                            ON CONFLICT (id) DO UPDATE
                            SET playthrough_id = excluded.playthrough_id, started_at = excluded.started_at,
                                minutes = excluded.minutes, note = excluded.note, created_at = excluded.created_at,
                                updated_at = excluded.updated_at
                            WHERE (s.playthrough_id, s.started_at, s.minutes, s.note, s.created_at, s.updated_at)
                                  IS DISTINCT FROM (excluded.playthrough_id, excluded.started_at, excluded.minutes,
                                                    excluded.note, excluded.created_at, excluded.updated_at)
                            RETURNING (xmax = 0)""")
                    .bindArray("ids", UUID.class, chunk.stream().map(Row::id).toList())
                    .bindArray("playthroughs", UUID.class, chunk.stream().map(Row::playthrough).toList())
                    .bindArray("starts", String.class, chunk.stream().map(r -> r.startedAt().toString()).toList())
                    .bindArray("minutes", Integer.class, chunk.stream().map(Row::minutes).toList())
                    .bindArray("notes", String.class, chunk.stream().map(Row::note).toList())
                    .bindArray("created", String.class, chunk.stream().map(r -> r.createdAt().toString()).toList())
                    .bindArray("updated", String.class, chunk.stream().map(r -> r.updatedAt().toString()).toList())
                    .mapTo(Boolean.class)
                    .list();
            for (boolean wasCreated : written) {
                if (wasCreated) {
                    created++;
                } else {
                    updated++;
                }
            }
        }
        h.createUpdate("""
                        UPDATE playthrough p SET session_minutes = t.minutes, session_count = t.sessions
                        FROM (SELECT p2.id, coalesce(sum(s.minutes), 0) AS minutes, count(s.id) AS sessions
                              FROM playthrough p2 LEFT JOIN play_session s ON s.playthrough_id = p2.id
                              WHERE p2.id = ANY(:ids) GROUP BY p2.id) t
                        WHERE p.id = t.id AND (p.session_minutes, p.session_count) IS DISTINCT FROM (t.minutes, t.sessions)""")
                .bindArray("ids", UUID.class, touched)
                .execute();
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    @Override
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM play_session").mapTo(Long.class).one();
    }

    /** Ordered by playthrough, then start, then id. */
    @Override
    public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT id, playthrough_id AS playthrough, started_at, minutes, note, created_at, updated_at
                FROM play_session ORDER BY playthrough_id, started_at, id""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "playthrough");
            ExportRows.timestamp(out, rs, "started_at");
            ExportRows.number(out, rs, "minutes");
            ExportRows.text(out, rs, "note");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
