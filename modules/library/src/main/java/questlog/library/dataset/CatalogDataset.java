package questlog.library.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import questlog.common.EventLog;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetSection;

/**
 * The library's sections of dataset documents: {@code genres}, {@code franchises}, {@code games},
 * {@code editions} and, in Questlog's own format, {@code external_ids}. They are read record by
 * record ({@link DatasetReader}) but checked and written together ({@link DatasetPlan},
 * {@link DatasetWriter}), since their references and uniqueness rules span them all: the first
 * of them to load does the work of all and the others report their share. Records matched onto
 * library records of another id are counted as {@code matched} (see {@link DatasetPlan}). Records keep their ids; a record whose id exists is rewritten, so
 * importing a document twice changes nothing.
 */
public final class CatalogDataset {
    private final EventLog events;

    public CatalogDataset(EventLog events) {
        this.events = events;
    }

    private enum Part { GENRES, FRANCHISES, GAMES, EDITIONS, EXTERNAL_IDS }

    /** The sections, in document order; {@code external_ids} only in Questlog's own format. */
    public List<DatasetSection> sections() {
        return List.of(
                new Section("genres", Part.GENRES, "SELECT count(*) FROM genre", CatalogDataset::exportGenres,
                        ExportedCatalog::genres),
                new Section("franchises", Part.FRANCHISES, "SELECT count(*) FROM franchise",
                        CatalogDataset::exportFranchises, ExportedCatalog::franchises),
                new Section("games", Part.GAMES, "SELECT count(*) FROM game", CatalogDataset::exportGames,
                        ExportedCatalog::games),
                new Section("editions", Part.EDITIONS, "SELECT count(*) FROM edition", CatalogDataset::exportEditions,
                        ExportedCatalog::editions),
                new Section("external_ids", Part.EXTERNAL_IDS, "SELECT count(*) FROM external_id", null,
                        ExportedCatalog::externalIds));
    }

    @FunctionalInterface
    interface Exporter {
        void export(Handle h, JsonGenerator out, int fetchSize) throws IOException;
    }

    private final class Section implements DatasetSection {
        private final String name;
        private final Part part;
        private final String countSql;
        private final Exporter benchExporter;
        private final Exporter fullExporter;

        Section(String name, Part part, String countSql, Exporter benchExporter, Exporter fullExporter) {
            this.name = name;
            this.part = part;
            this.countSql = countSql;
            this.benchExporter = benchExporter;
            this.fullExporter = fullExporter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean inFormat(DatasetFormat format) {
            return part != Part.EXTERNAL_IDS || format == DatasetFormat.EXPORT;
        }

        @Override
        public SectionImport begin(DatasetImport document) {
            Catalog catalog = document.shared(Catalog.class, () -> new Catalog(document));
            return new SectionImport() {
                @Override
                public void read(int index, JsonNode record) {
                    switch (part) {
                        case GENRES -> catalog.reader.genre(index, record);
                        case FRANCHISES -> catalog.reader.franchise(index, record);
                        case GAMES -> catalog.reader.game(index, record);
                        case EDITIONS -> catalog.reader.edition(index, record);
                        case EXTERNAL_IDS -> catalog.reader.externalId(index, record);
                    }
                }

                @Override
                public DatasetCounts load(Handle h) {
                    return catalog.load(h, part);
                }

                @Override
                public boolean wroteNothing() {
                    return catalog.rejected;
                }

                @Override
                public void recordEvents(Handle h) {
                    if (part == Part.GAMES) {
                        // Games created or changed, their editions included: after every section was written.
                        ImportEvents.record(h, events, catalog.gamesCreated, catalog.gamesChanged);
                    }
                }
            };
        }

        @Override
        public long count(Handle h) {
            return h.createQuery(countSql).mapTo(Long.class).one();
        }

        @Override
        public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
            (format == DatasetFormat.EXPORT ? fullExporter : benchExporter).export(h, out, fetchSize);
        }
    }

    /** One document's catalog sections: read apart, checked and written together on the first load. */
    private static final class Catalog {
        final DatasetReader reader;
        final OffsetDateTime now;
        private Map<Part, DatasetCounts> counts;
        /** True when a problem in any of the catalog sections kept them all from being written. */
        boolean rejected;
        Set<UUID> gamesCreated = Set.of();
        Set<UUID> gamesChanged = Set.of();

        Catalog(DatasetImport document) {
            this.reader = new DatasetReader(document.problems(), document.format() == DatasetFormat.EXPORT);
            this.now = OffsetDateTime.ofInstant(document.now(), ZoneOffset.UTC);
        }

        DatasetCounts load(Handle h, Part part) {
            if (counts == null) {
                counts = new EnumMap<>(Part.class);
                DatasetPlan plan = DatasetPlan.check(h, reader);
                if (catalogProblems() > 0) {
                    rejected = true;
                    for (Part p : Part.values()) {
                        counts.put(p, DatasetCounts.none(0));
                    }
                } else {
                    DatasetWriter writer = new DatasetWriter(h, now, reader.full());
                    counts.put(Part.GENRES, counts(writer.genres(plan.genres, plan.existing.get("genre")), plan.matched.get("genre")));
                    counts.put(Part.FRANCHISES, counts(writer.franchises(plan.franchises, plan.existing.get("franchise")),
                            plan.matched.get("franchise")));
                    counts.put(Part.GAMES, counts(writer.games(plan.games, plan.existing.get("game")), plan.matched.get("game")));
                    counts.put(Part.EDITIONS, counts(writer.editions(plan.editions, plan.existing.get("edition")),
                            plan.matched.get("edition")));
                    counts.put(Part.EXTERNAL_IDS, counts(writer.externalIds(plan.externalIds), 0));
                    gamesCreated = writer.gamesCreated;
                    gamesChanged = writer.gamesChanged;
                }
            }
            return counts.get(part);
        }

        private int catalogProblems() {
            return reader.errors().count("genres") + reader.errors().count("franchises") + reader.errors().count("games")
                    + reader.errors().count("editions") + reader.errors().count("external_ids");
        }

        private static DatasetCounts counts(DatasetWriter.Counts c, int matched) {
            return new DatasetCounts(0, c.created(), c.updated(), c.unchanged(), matched);
        }
    }

    /**
     * The catalog records in the dataset format, each section ordered by slug, streaming rows
     * from cursors ({@code fetchSize} at a time). Texts the library keeps as null are written as
     * {@code ""} where the format has strings; platforms and genres are sorted.
     */
    private static void exportGenres(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        stream(h, "SELECT id, slug, name FROM genre ORDER BY slug", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("name", rs.getString("name"));
            out.writeEndObject();
        });
    }

    private static void exportFranchises(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        stream(h, "SELECT id, slug, name FROM franchise ORDER BY slug", fetchSize, rs -> {
            out.writeStartObject();
            out.writeStringField("id", rs.getString("id"));
            out.writeStringField("slug", rs.getString("slug"));
            out.writeStringField("name", rs.getString("name"));
            out.writeEndObject();
        });
    }

    private static void exportGames(Handle h, JsonGenerator out, int fetchSize) throws IOException {
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
    }

    private static void exportEditions(Handle h, JsonGenerator out, int fetchSize) throws IOException {
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
