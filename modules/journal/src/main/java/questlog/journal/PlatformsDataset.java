package questlog.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The {@code platforms} section of Questlog's own format (the bench format has none): every
 * platform a playthrough may name, by its key, with its display name, whether it is one of the
 * known platforms, its aliases (the compact spellings that map to it) and timestamps. Loaded
 * before the playthroughs, which refer to platforms by key. A platform is added or rewritten by
 * key; its aliases are added, or moved to it from another platform (the document's word wins);
 * aliases the library has beyond the document's stay.
 */
final class PlatformsDataset implements DatasetSection {
    static final String SECTION = "platforms";
    private static final Set<String> FIELDS = Set.of("key", "name", "known", "aliases", "created_at", "updated_at");

    record Row(int index, String key, String name, boolean known, List<String> aliases, Instant createdAt,
               Instant updatedAt) {}

    @Override
    public String name() {
        return SECTION;
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
                String key = f.requiredString("key");
                if (key != null && key.length() > PlaythroughService.MAX_PLATFORM) {
                    f.fail("key", "must be at most " + PlaythroughService.MAX_PLATFORM + " characters");
                }
                String name = f.requiredString("name");
                Boolean known = f.requiredBoolean("known");
                List<String> aliases = f.stringList("aliases");
                if (aliases != null && aliases.stream().anyMatch(String::isBlank)) {
                    f.fail("aliases", "must not hold an empty alias");
                }
                Instant createdAt = f.requiredTimestamp("created_at");
                Instant updatedAt = f.requiredTimestamp("updated_at");
                if (f.ok()) {
                    rows.add(new Row(index, key, name, known, aliases, createdAt, updatedAt));
                }
            }

            @Override
            public DatasetCounts load(Handle h) {
                return PlatformsDataset.load(h, rows, problems);
            }
        };
    }

    private static DatasetCounts load(Handle h, List<Row> rows, DatasetProblems problems) {
        Map<String, Row> byKey = new HashMap<>();
        Map<String, Row> byAlias = new HashMap<>();
        for (Row row : rows) {
            Row earlier = byKey.putIfAbsent(row.key(), row);
            if (earlier != null) {
                problems.record(SECTION, row.index(), null, null, "key",
                        "is used twice in platforms: also at platforms[" + earlier.index() + "]");
            }
            for (String alias : row.aliases()) {
                Row other = byAlias.putIfAbsent(alias, row);
                if (other != null && other != row) {
                    problems.record(SECTION, row.index(), null, null, "aliases",
                            "'" + alias + "' is also an alias of platforms[" + other.index() + "]");
                }
            }
        }
        if (problems.count(SECTION) > 0 || rows.isEmpty()) {
            return DatasetCounts.none(rows.size());
        }
        List<Boolean> written = h.createQuery("""
                        INSERT INTO platform AS p (key, name, known, created_at, updated_at)
                        SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:names AS text[]), CAST(:known AS boolean[]),
                                             CAST(:created AS timestamptz[]), CAST(:updated AS timestamptz[]))
                        ON CONFLICT (key) DO UPDATE
                        SET name = excluded.name, known = excluded.known, created_at = excluded.created_at,
                            updated_at = excluded.updated_at
                        WHERE (p.name, p.known, p.created_at, p.updated_at)
                              IS DISTINCT FROM (excluded.name, excluded.known, excluded.created_at, excluded.updated_at)
                        RETURNING (xmax = 0)""")
                .bindArray("keys", String.class, rows.stream().map(Row::key).toList())
                .bindArray("names", String.class, rows.stream().map(Row::name).toList())
                .bindArray("known", Boolean.class, rows.stream().map(Row::known).toList())
                .bindArray("created", String.class, rows.stream().map(r -> r.createdAt().toString()).toList())
                .bindArray("updated", String.class, rows.stream().map(r -> r.updatedAt().toString()).toList())
                .mapTo(Boolean.class)
                .list();
        List<String> aliases = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        byAlias.forEach((alias, row) -> {
            aliases.add(alias);
            keys.add(row.key());
        });
        if (!aliases.isEmpty()) {
            h.createUpdate("""
                            INSERT INTO platform_alias AS a (alias, platform_key)
                            SELECT * FROM unnest(CAST(:aliases AS text[]), CAST(:keys AS text[]))
                            ON CONFLICT (alias) DO UPDATE SET platform_key = excluded.platform_key
                            WHERE a.platform_key <> excluded.platform_key""")
                    .bindArray("aliases", String.class, aliases)
                    .bindArray("keys", String.class, keys)
                    .execute();
        }
        int created = (int) written.stream().filter(b -> b).count();
        return new DatasetCounts(rows.size(), created, written.size() - created, rows.size() - written.size());
    }

    @Override
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM platform").mapTo(Long.class).one();
    }

    /** Ordered by key; aliases sorted. */
    @Override
    public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT p.key, p.name, p.known,
                       ARRAY(SELECT a.alias FROM platform_alias a WHERE a.platform_key = p.key ORDER BY a.alias COLLATE "C")
                           AS aliases,
                       p.created_at, p.updated_at
                FROM platform p
                ORDER BY p.key COLLATE "C"
                """, fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "key");
            ExportRows.text(out, rs, "name");
            out.writeBooleanField("known", rs.getBoolean("known"));
            ExportRows.strings(out, rs, "aliases");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
