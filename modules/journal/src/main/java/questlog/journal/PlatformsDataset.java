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
 * The {@code platforms} section of Questlog's own format (the bench format has none): the
 * platforms the owner's writes registered (not the known ones the migrations seed), each with its
 * key, its name as first written, its aliases and timestamps, so that a restored library names
 * them as the original did. Loaded before the playthroughs that refer to them by key. A platform
 * whose key the library already has keeps the library's name (a known platform is never renamed
 * by an import); its aliases are added.
 */
final class PlatformsDataset implements DatasetSection {
    static final String SECTION = "platforms";
    private static final Set<String> FIELDS = Set.of("key", "name", "aliases", "created_at", "updated_at");

    record Row(int index, String key, String name, List<String> aliases, Instant createdAt, Instant updatedAt) {}

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
                String name = f.requiredString("name");
                if (key != null && key.length() > PlaythroughService.MAX_PLATFORM) {
                    f.fail("key", "must be at most " + PlaythroughService.MAX_PLATFORM + " characters");
                }
                if (name != null && name.length() > PlaythroughService.MAX_PLATFORM) {
                    f.fail("name", "must be at most " + PlaythroughService.MAX_PLATFORM + " characters");
                }
                List<String> aliases = f.stringList("aliases");
                if (aliases != null && aliases.stream().anyMatch(String::isBlank)) {
                    f.fail("aliases", "must not hold an empty alias");
                }
                Instant createdAt = f.requiredTimestamp("created_at");
                Instant updatedAt = f.requiredTimestamp("updated_at");
                if (f.ok()) {
                    rows.add(new Row(index, key, name, aliases, createdAt, updatedAt));
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
                problems.record(SECTION, row.index(), null, row.key(), "key",
                        "is used twice in platforms: also at platforms[" + earlier.index() + "]");
            }
            for (String alias : row.aliases()) {
                Row owner = byAlias.putIfAbsent(alias, row);
                if (owner != null && owner != row) {
                    problems.record(SECTION, row.index(), null, row.key(), "aliases",
                            "alias '" + alias + "' is also one of platforms[" + owner.index() + "]");
                }
            }
        }
        if (problems.count(SECTION) > 0 || rows.isEmpty()) {
            return DatasetCounts.none(rows.size());
        }
        List<Boolean> written = h.createQuery("""
                        INSERT INTO platform AS p (key, name, known, created_at, updated_at)
                        SELECT key, name, false, created_at, updated_at
                        FROM unnest(CAST(:keys AS text[]), CAST(:names AS text[]), CAST(:created AS timestamptz[]),
                                    CAST(:updated AS timestamptz[])) AS t(key, name, created_at, updated_at)
                        ON CONFLICT (key) DO UPDATE
                        SET name = excluded.name, created_at = excluded.created_at, updated_at = excluded.updated_at
                        WHERE NOT p.known AND (p.name, p.created_at, p.updated_at)
                              IS DISTINCT FROM (excluded.name, excluded.created_at, excluded.updated_at)
                        RETURNING (xmax = 0)""")
                .bindArray("keys", String.class, rows.stream().map(Row::key).toList())
                .bindArray("names", String.class, rows.stream().map(Row::name).toList())
                .bindArray("created", String.class, rows.stream().map(r -> r.createdAt().toString()).toList())
                .bindArray("updated", String.class, rows.stream().map(r -> r.updatedAt().toString()).toList())
                .mapTo(Boolean.class)
                .list();
        List<String> aliases = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Row row : rows) {
            row.aliases().forEach(alias -> {
                aliases.add(alias);
                keys.add(row.key());
            });
        }
        // An alias the library already gives another platform stays with it: names already
        // written must keep meaning what they meant.
        h.createUpdate("""
                        INSERT INTO platform_alias (alias, platform_key)
                        SELECT alias, key FROM unnest(CAST(:aliases AS text[]), CAST(:keys AS text[])) AS t(alias, key)
                        ON CONFLICT (alias) DO NOTHING""")
                .bindArray("aliases", String.class, aliases)
                .bindArray("keys", String.class, keys)
                .execute();
        int created = (int) written.stream().filter(b -> b).count();
        int updated = written.size() - created;
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    @Override
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM platform WHERE NOT known").mapTo(Long.class).one();
    }

    /** Ordered by key. */
    @Override
    public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT p.key, p.name,
                       ARRAY(SELECT a.alias FROM platform_alias a WHERE a.platform_key = p.key ORDER BY a.alias) AS aliases,
                       p.created_at, p.updated_at
                FROM platform p WHERE NOT p.known ORDER BY p.key""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "key");
            ExportRows.text(out, rs, "name");
            ExportRows.strings(out, rs, "aliases");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
