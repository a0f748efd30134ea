package questlog.realtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.EventTypes;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The {@code webhooks} section of Questlog's own export format: each webhook's id, URL, event
 * types, status, whether it signs its deliveries ({@code signed}) and timestamps. Never its
 * secret, and not its delivery state (cursor, failures, lease), which belongs to this server's
 * event log.
 *
 * <p>Import: a webhook is added, or rewritten by id (an existing one keeps its secret). It
 * delivers the events committed after the import (its own events included). A {@code signed}
 * webhook that arrives without a secret here cannot sign: it is imported <em>paused</em>, with
 * {@code last_error} saying why, and stays so until it is registered again with its secret (or
 * resumed on purpose, to deliver unsigned). So a signed webhook is the one record whose export
 * after an import differs from the document: paused, {@code signed} false.
 */
final class WebhooksDataset implements DatasetSection {
    static final String SECTION = "webhooks";
    static final String IMPORTED_WITHOUT_SECRET = "imported without its secret (an export never holds secrets): "
            + "register the webhook again with its secret, or resume it to deliver unsigned";
    private static final Set<String> FIELDS = Set.of("id", "url", "types", "status", "signed", "created_at", "updated_at");
    private static final List<String> STATUSES = List.of("active", "paused");

    private final WebhookService webhooks;

    WebhooksDataset(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    record Row(int index, UUID id, String url, List<String> types, String status, boolean signed, Instant createdAt,
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
        Set<UUID> written = new HashSet<>();   // the webhooks the import created
        return new SectionImport() {
            @Override
            public void read(int index, JsonNode record) {
                RecordFields f = RecordFields.of(SECTION, index, record, problems, FIELDS);
                if (f == null) {
                    return;
                }
                UUID id = f.id();
                String url = f.requiredString("url");
                if (url != null) {
                    webhooks.urlProblem(url).ifPresent(problem -> f.fail("url", problem));
                }
                List<String> types = f.stringList("types");
                if (types != null) {
                    for (int i = 0; i < types.size(); i++) {
                        if (!EventTypes.isKnown(types.get(i))) {
                            f.fail("types[" + i + "]", "must be a known event type: " + EventTypes.ALL);
                        }
                    }
                }
                String status = f.choice("status", STATUSES);
                Boolean signed = f.requiredBoolean("signed");
                Instant createdAt = f.requiredTimestamp("created_at");
                Instant updatedAt = f.requiredTimestamp("updated_at");
                if (f.ok()) {
                    rows.add(new Row(index, id, url, types, status, signed, createdAt, updatedAt));
                }
            }

            @Override
            public DatasetCounts load(Handle h) {
                return WebhooksDataset.load(h, rows, problems, written);
            }

            /** After every other section's events: an imported webhook starts after the import. */
            @Override
            public void recordEvents(Handle h) {
                if (!written.isEmpty()) {
                    h.createUpdate("""
                                    UPDATE webhook SET last_event_id = (SELECT coalesce(max(id), 0) FROM event)
                                    WHERE id = ANY(:ids)""")
                            .bindArray("ids", UUID.class, written)
                            .execute();
                }
            }
        };
    }

    private static DatasetCounts load(Handle h, List<Row> rows, DatasetProblems problems, Set<UUID> written) {
        Map<UUID, Row> byId = new HashMap<>();
        for (Row row : rows) {
            Row earlier = byId.putIfAbsent(row.id(), row);
            if (earlier != null) {
                problems.record(SECTION, row.index(), row.id(), null, "id",
                        "is used twice in webhooks: also at webhooks[" + earlier.index() + "]");
            }
        }
        if (problems.count(SECTION) > 0 || rows.isEmpty()) {
            return DatasetCounts.none(rows.size());
        }
        int created = 0;
        int updated = 0;
        for (Row row : rows) {
            // A webhook that signs but has no secret here is held back until it gets one.
            var result = h.createQuery("""
                            INSERT INTO webhook AS w (id, url, types, secret, status, last_event_id, last_error, paused_at,
                                                     created_at, updated_at)
                            VALUES (:id, :url, :types, NULL,
                                    CASE WHEN :signed THEN 'paused' ELSE :status END,
                                    (SELECT coalesce(max(id), 0) FROM event),
                                    CASE WHEN :signed THEN :reason END,
                                    CASE WHEN :signed OR :status = 'paused' THEN CAST(:updated AS timestamptz) END,
                                    CAST(:created AS timestamptz), CAST(:updated AS timestamptz))
                            ON CONFLICT (id) DO UPDATE
                            SET url = excluded.url, types = excluded.types,
                                status = CASE WHEN :signed AND w.secret IS NULL THEN 'paused' ELSE :status END,
                                last_error = CASE WHEN :signed AND w.secret IS NULL THEN :reason ELSE w.last_error END,
                                created_at = excluded.created_at, updated_at = excluded.updated_at
                            WHERE (w.url, w.types, w.status, w.created_at, w.updated_at)
                                  IS DISTINCT FROM (excluded.url, excluded.types,
                                                    CASE WHEN :signed AND w.secret IS NULL THEN 'paused' ELSE :status END,
                                                    excluded.created_at, excluded.updated_at)
                            RETURNING (xmax = 0) AS created""")
                    .bind("id", row.id())
                    .bind("url", row.url())
                    .bind("types", row.types().toArray(String[]::new))
                    .bind("status", row.status())
                    .bind("signed", row.signed())
                    .bind("reason", IMPORTED_WITHOUT_SECRET)
                    .bind("created", row.createdAt().toString())
                    .bind("updated", row.updatedAt().toString())
                    .mapTo(Boolean.class)
                    .findOne();
            if (result.isPresent()) {
                if (result.get()) {
                    written.add(row.id());   // a new webhook starts after the import; an existing one keeps its cursor
                    created++;
                } else {
                    updated++;
                }
            }
        }
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    @Override
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM webhook").mapTo(Long.class).one();
    }

    /** Ordered by id. */
    @Override
    public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT id, url, types, status, secret IS NOT NULL AS signed, created_at, updated_at
                FROM webhook ORDER BY id""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "url");
            ExportRows.strings(out, rs, "types");
            ExportRows.text(out, rs, "status");
            out.writeBooleanField("signed", rs.getBoolean("signed"));
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
