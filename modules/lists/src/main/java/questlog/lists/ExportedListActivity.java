package questlog.lists;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The lists module in Questlog's own format ({@code questlog-export}): lists and entries with
 * every column (visibility, timestamps at full precision), and the {@code list_activity}
 * section, each list's history. History rows are records of what happened, so an import adds
 * the document's rows it does not have yet (by id, in document order, after the list's own) and
 * never rewrites one it has.
 */
final class ExportedListActivity {
    static final List<String> VERBS = List.of("created", "added", "removed", "reordered", "updated");
    private static final Set<String> FIELDS = Set.of("id", "list", "at", "verb", "entries", "metadata", "created_at",
            "updated_at");

    private ExportedListActivity() {}

    record Row(int index, UUID id, String list, Instant at, String verb, List<String> entries, String metadata,
               Instant createdAt, Instant updatedAt) {}

    static void read(int index, JsonNode node, DatasetProblems problems, Consumer<Row> sink) {
        RecordFields f = RecordFields.of(ListsDataset.ACTIVITY, index, node, problems, FIELDS);
        if (f == null) {
            return;
        }
        UUID id = f.id();
        String list = f.slugReference("list");
        Instant at = f.requiredTimestamp("at");
        String verb = f.choice("verb", VERBS);
        List<String> entries = f.stringList("entries");
        JsonNode metadata = f.object("metadata", true);
        Instant createdAt = f.requiredTimestamp("created_at");
        Instant updatedAt = f.requiredTimestamp("updated_at");
        if (f.ok()) {
            sink.accept(new Row(index, id, list, at, verb, entries, metadata.toString(), createdAt, updatedAt));
        }
    }

    /** Unique ids; every row belongs to a list of the document (history comes with its list). */
    static void check(List<Row> rows, Set<String> documentLists, DatasetProblems problems) {
        Map<UUID, Row> byId = new HashMap<>();
        for (Row row : rows) {
            Row earlier = byId.putIfAbsent(row.id(), row);
            if (earlier != null) {
                problems.record(ListsDataset.ACTIVITY, row.index(), row.id(), null, "id",
                        "is used twice in list_activity: also at list_activity[" + earlier.index() + "]");
            }
            if (!documentLists.contains(row.list())) {
                problems.record(ListsDataset.ACTIVITY, row.index(), row.id(), null, "list", "refers to list '" + row.list()
                        + "', which is not in the document's lists (history comes with its list)");
            }
        }
    }

    /** Adds the rows the library does not have, in document order; returns the section's counts. */
    static DatasetCounts write(Handle h, List<Row> rows, Map<String, UUID> listIds) {
        if (rows.isEmpty()) {
            return DatasetCounts.none(0);
        }
        int created = h.createUpdate("""
                        INSERT INTO list_activity (id, list_id, at, verb, entries, metadata, created_at, updated_at)
                        SELECT t.id, t.list_id, t.at, t.verb,
                               ARRAY(SELECT jsonb_array_elements_text(t.entries)), t.metadata, t.created, t.updated
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:lists AS uuid[]), CAST(:ats AS timestamptz[]),
                                    CAST(:verbs AS text[]), CAST(:entries AS jsonb[]), CAST(:metadata AS jsonb[]),
                                    CAST(:created AS timestamptz[]), CAST(:updated AS timestamptz[]))
                             WITH ORDINALITY AS t(id, list_id, at, verb, entries, metadata, created, updated, n)
                        WHERE NOT EXISTS (SELECT 1 FROM list_activity a WHERE a.id = t.id)
                        ORDER BY t.n""")
                .bindArray("ids", UUID.class, rows.stream().map(Row::id).toList())
                .bindArray("lists", UUID.class, rows.stream().map(r -> listIds.get(r.list())).toList())
                .bindArray("ats", String.class, rows.stream().map(r -> r.at().toString()).toList())
                .bindArray("verbs", String.class, rows.stream().map(Row::verb).toList())
                .bindArray("entries", String.class, rows.stream().map(r -> jsonArray(r.entries())).toList())
                .bindArray("metadata", String.class, rows.stream().map(Row::metadata).toList())
                .bindArray("created", String.class, rows.stream().map(r -> r.createdAt().toString()).toList())
                .bindArray("updated", String.class, rows.stream().map(r -> r.updatedAt().toString()).toList())
                .execute();
        return new DatasetCounts(rows.size(), created, 0, rows.size() - created);
    }

    /** The entries as a JSON array text: an array of arrays cannot be bound, an array of JSON texts can. */
    private static String jsonArray(List<String> items) {
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        return array.toString();
    }

    /** Every list with every column, ordered by slug. */
    static void exportLists(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT id, slug, name, description, is_ranked, is_public, created_at, updated_at
                FROM list ORDER BY slug""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "slug");
            ExportRows.text(out, rs, "name");
            ExportRows.text(out, rs, "description");
            out.writeBooleanField("is_ranked", rs.getBoolean("is_ranked"));
            out.writeBooleanField("is_public", rs.getBoolean("is_public"));
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    /** Every entry with every column: by list slug, then the list's order (position; unranked by when added, then id). */
    static void exportEntries(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT e.id, l.slug AS list, g.slug AS game, e.position, e.notes, e.added_at, e.created_at, e.updated_at
                FROM list_entry e JOIN list l ON l.id = e.list_id JOIN game g ON g.id = e.game_id
                ORDER BY l.slug, e.position NULLS LAST, e.added_at, e.id""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "list");
            ExportRows.text(out, rs, "game");
            ExportRows.number(out, rs, "position");
            ExportRows.text(out, rs, "notes");
            ExportRows.timestamp(out, rs, "added_at");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    /** Every history row: by list slug, then the order the changes were applied in. */
    static void exportActivity(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT a.id, l.slug AS list, a.at, a.verb, a.entries, a.metadata::text AS metadata, a.created_at, a.updated_at
                FROM list_activity a JOIN list l ON l.id = a.list_id
                ORDER BY l.slug, a.seq""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "list");
            ExportRows.timestamp(out, rs, "at");
            ExportRows.text(out, rs, "verb");
            ExportRows.strings(out, rs, "entries");
            ExportRows.json(out, rs, "metadata");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
