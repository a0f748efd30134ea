package questlog.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import questlog.common.DatasetCounts;
import questlog.common.EventLog;

/**
 * The library's part of dataset imports and exports, for app's importer and exporter, which
 * span every module: the document's header ({@code format}, {@code version}, {@code meta}) and
 * the genres, franchises, games and editions sections. Reading, checking and writing are the
 * library's own ({@link DatasetReader}, {@link DatasetPlan}, {@link DatasetWriter}); this class
 * lets them run on the caller's transaction.
 */
public final class CatalogDataset {
    public static final List<String> SECTIONS = List.of("genres", "franchises", "games", "editions");
    private final EventLog events;

    /** {@code events}: where the games an import creates or changes are recorded ({@link #recordEvents}). */
    public CatalogDataset(EventLog events) {
        this.events = events;
    }
    /** The other sections of the format, in order, which the other modules read and load. */
    public static final List<String> OTHER_SECTIONS = DatasetReader.UNSUPPORTED;

    /** One document's header and catalog sections, as they are read. */
    public static final class Reading {
        private final DatasetReader reader = new DatasetReader();
        private DatasetDocument doc;

        /**
         * Reads a member that is not another module's section: the header, a catalog section or
         * an unknown member (reported). The parser is on its first token and is left on its last.
         */
        public void member(String key, JsonParser parser) throws IOException {
            reader.member(key, parser);
        }

        public boolean headerRejected() {
            return reader.headerRejected();
        }

        /** Ends reading; from now on the header and the problems found while reading are known. */
        public void finish() {
            doc = reader.finish();
        }

        /** True when the format and version are the ones this server reads. */
        public boolean headerValid() {
            return doc().format() != null && doc().version() != null;
        }

        public String format() {
            return doc().format();
        }

        public Integer version() {
            return doc().version();
        }

        /** How many records each catalog section held, in the order of the format. */
        public Map<String, Integer> received() {
            Map<String, Integer> received = new LinkedHashMap<>();
            SECTIONS.forEach(s -> received.put(s, doc().received().getOrDefault(s, 0)));
            return received;
        }

        public int problemCount() {
            return doc().errors().count();
        }

        /** The first {@link ImportReport#MAX_ERRORS} problems with the header and the catalog sections. */
        public List<ImportReport.RecordError> problems() {
            return doc().errors().kept();
        }

        private DatasetDocument doc() {
            if (doc == null) {
                throw new IllegalStateException("finish() reading first");
            }
            return doc;
        }
    }

    public Reading reading() {
        return new Reading();
    }

    /**
     * Serialises imports with each other for the rest of the caller's transaction (the
     * library's import of the original Questlog's body takes the same lock).
     */
    public void lock(Handle h) {
        h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", DatasetImporter.IMPORT_LOCK)
                .mapTo(Integer.class).one();
    }

    /**
     * Checks the catalog sections against the whole document and the library, then writes them
     * on {@code h}. Empty when there were problems (they are in {@code reading}); nothing was
     * written then.
     */
    public Optional<Map<String, DatasetCounts>> load(Handle h, Reading reading, Instant now) {
        DatasetDocument doc = reading.doc();
        DatasetPlan plan = DatasetPlan.check(h, doc);
        if (!doc.errors().isEmpty()) {
            return Optional.empty();
        }
        DatasetWriter writer = new DatasetWriter(h, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        Map<String, DatasetCounts> counts = new LinkedHashMap<>();
        counts.put("genres", counts(doc, "genres", writer.genres(plan.genres, plan.existing.get("genre"))));
        counts.put("franchises", counts(doc, "franchises", writer.franchises(plan.franchises, plan.existing.get("franchise"))));
        counts.put("games", counts(doc, "games", writer.games(plan.games, plan.existing.get("game"))));
        counts.put("editions", counts(doc, "editions", writer.editions(plan.editions, plan.existing.get("edition"))));
        return Optional.of(counts);
    }

    /**
     * Records {@code questlog:game_added} for every game {@link #load} created at {@code now} and
     * {@code questlog:game_updated} for every game it changed. Call it last in the import's
     * transaction, after every section was written (events are appended last, see EventLog).
     */
    public void recordEvents(Handle h, Instant now) {
        ImportEvents.record(h, events, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    private static DatasetCounts counts(DatasetDocument doc, String section, DatasetWriter.Counts c) {
        return new DatasetCounts(doc.received().getOrDefault(section, 0), c.created(), c.updated(), c.unchanged());
    }

    /** How many records each catalog section of an export has, in the order of the format. */
    public Map<String, Long> counts(Handle h) {
        Map<String, Long> counts = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT (SELECT count(*) FROM genre), (SELECT count(*) FROM franchise),
                               (SELECT count(*) FROM game), (SELECT count(*) FROM edition)""")
                .map((rs, ctx) -> {
                    for (int i = 0; i < SECTIONS.size(); i++) {
                        counts.put(SECTIONS.get(i), rs.getLong(i + 1));
                    }
                    return counts;
                })
                .one();
        return counts;
    }

    /**
     * Writes the four catalog members in the dataset format, each ordered by slug, streaming rows
     * from cursors ({@code fetchSize} at a time). Texts the library keeps as null are written as
     * {@code ""} where the format has strings; platforms and genres are sorted. Run it in a
     * read-only, repeatable-read transaction, so the sections agree with each other.
     */
    public void export(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        out.writeArrayFieldStart("genres");
        stream(h, "SELECT id, slug, name FROM genre ORDER BY slug", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("name", rs.getString("name"));
            out.writeEndObject();
        });
        out.writeEndArray();

        out.writeArrayFieldStart("franchises");
        stream(h, "SELECT id, slug, name FROM franchise ORDER BY slug", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("name", rs.getString("name"));
            out.writeEndObject();
        });
        out.writeEndArray();

        out.writeArrayFieldStart("games");
        stream(h, """
                SELECT g.id, g.slug, g.name, f.slug AS franchise,
                       ARRAY(SELECT ge.slug FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
                             WHERE gg.game_id = g.id ORDER BY ge.slug) AS genres,
                       g.original_release_year, g.summary, g.cover_url, g.igdb_id,
                       ARRAY(SELECT p FROM unnest(g.platforms) AS p ORDER BY p) AS platforms
                FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id
                ORDER BY g.slug""", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("name", rs.getString("name"));
            out.writeStringField("franchise", rs.getString("franchise"));
            writeStrings(out, "genres", rs.getArray("genres"));
            writeNumber(out, "original_release_year", (Number) rs.getObject("original_release_year"));
            out.writeStringField("summary", orEmpty(rs.getString("summary")));
            out.writeStringField("cover_url", orEmpty(rs.getString("cover_url")));
            writeNumber(out, "igdb_id", (Number) rs.getObject("igdb_id"));
            writeStrings(out, "platforms", rs.getArray("platforms"));
            out.writeEndObject();
        });
        out.writeEndArray();

        out.writeArrayFieldStart("editions");
        stream(h, """
                SELECT e.id, e.slug, g.slug AS game, e.name, e.edition_type, e.release_date,
                       ARRAY(SELECT p FROM unnest(e.platforms) AS p ORDER BY p) AS platforms
                FROM edition e JOIN game g ON g.id = e.game_id
                ORDER BY e.slug""", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("game", rs.getString("game"));
            out.writeStringField("name", rs.getString("name"));
            out.writeStringField("edition_type", rs.getString("edition_type"));
            out.writeStringField("release_date", rs.getString("release_date"));
            writeStrings(out, "platforms", rs.getArray("platforms"));
            out.writeEndObject();
        });
        out.writeEndArray();
    }

    private interface RowWriter {
        void write(ResultSet rs) throws SQLException, IOException;
    }

    private static void stream(Handle h, String sql, int fetchSize, RowWriter writer) throws IOException {
        try (ResultIterator<Boolean> rows = h.createQuery(sql).setFetchSize(fetchSize)
                .map((rs, ctx) -> {
                    try {
                        writer.write(rs);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return Boolean.TRUE;
                })
                .iterator()) {
            while (rows.hasNext()) {
                rows.next();
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeStrings(JsonGenerator out, String field, Array array) throws SQLException, IOException {
        out.writeArrayFieldStart(field);
        if (array != null) {
            for (Object item : (Object[]) array.getArray()) {
                out.writeString((String) item);
            }
        }
        out.writeEndArray();
    }

    private static void writeNumber(JsonGenerator out, String field, Number value) throws IOException {
        if (value == null) {
            out.writeNullField(field);
        } else {
            out.writeNumberField(field, value.longValue());
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
