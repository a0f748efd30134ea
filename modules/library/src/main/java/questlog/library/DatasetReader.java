package questlog.library;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import questlog.common.RecordFields;

/**
 * Reads a dataset document (FORMAT.md, version 1) one top-level member at a time, straight from
 * the parser: each section is an array read element by element, so a 40 MB document is never
 * held as one tree. Checks every field of every record (see {@link RecordFields}); references
 * between records and conflicts with the database are checked later by {@link DatasetImporter}.
 */
final class DatasetReader implements DatasetMembers {
    static final String FORMAT = "questlog-bench-dataset";
    static final int VERSION = 1;
    /** The sections this server loads, in the order of the format. */
    static final List<String> LOADED = List.of("genres", "franchises", "games", "editions");
    /** Sections of the format whose modules do not exist yet: counted, reported, not loaded. */
    static final List<String> UNSUPPORTED = List.of("playthroughs", "lists", "list_entries");
    static final List<String> EDITION_TYPES = List.of("original", "port", "remaster", "enhanced", "remake", "definitive");

    private static final Set<String> GENRE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> FRANCHISE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> GAME_FIELDS = Set.of("id", "slug", "name", "franchise", "genres",
            "original_release_year", "summary", "cover_url", "igdb_id", "platforms");
    private static final Set<String> EDITION_FIELDS = Set.of("id", "slug", "game", "name", "edition_type",
            "release_date", "platforms");

    private final ImportErrors errors = new ImportErrors();
    private final ImportErrors headerErrors = new ImportErrors();
    private final DatasetRejected rejected = new DatasetRejected();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Integer> received = new LinkedHashMap<>();
    private final Map<String, Integer> unsupported = new LinkedHashMap<>();
    private final List<DatasetRecords.Genre> genres = new ArrayList<>();
    private final List<DatasetRecords.Franchise> franchises = new ArrayList<>();
    private final List<DatasetRecords.Game> games = new ArrayList<>();
    private final List<DatasetRecords.Edition> editions = new ArrayList<>();
    private String format;
    private Integer version;

    DatasetReader() {
        LOADED.forEach(s -> received.put(s, 0));
        UNSUPPORTED.forEach(s -> unsupported.put(s, 0));
    }

    /**
     * Reads the value of one top-level member; the parser is on its first token and is left on
     * its last one.
     */
    @Override
    public void member(String key, JsonParser p) throws IOException {
        if (!seen.add(key)) {
            errors.document(key, "appears twice in the document");
            p.skipChildren();
            return;
        }
        switch (key) {
            case "format" -> {
                if (p.currentToken() != JsonToken.VALUE_STRING || !FORMAT.equals(p.getText())) {
                    headerErrors.document("format", "must be \"" + FORMAT + "\"");
                } else {
                    format = p.getText();
                }
                p.skipChildren();
            }
            case "version" -> {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    headerErrors.document("version", "must be the whole number " + VERSION);
                } else if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() != VERSION) {
                    headerErrors.document("version", "version " + p.getText() + " is not supported; this server reads version " + VERSION);
                } else {
                    version = VERSION;
                }
                p.skipChildren();
            }
            case "meta" -> p.skipChildren();
            case "genres" -> section(key, p, this::genre);
            case "franchises" -> section(key, p, this::franchise);
            case "games" -> section(key, p, this::game);
            case "editions" -> section(key, p, this::edition);
            case "playthroughs", "lists", "list_entries" -> unsupported.put(key, count(key, p));
            default -> {
                errors.document(key, "unknown member; a version " + VERSION + " document has format, version, meta, "
                        + String.join(", ", LOADED) + ", " + String.join(", ", UNSUPPORTED));
                p.skipChildren();
            }
        }
    }

    /** True once the format or version is known to be wrong: reading on would only add noise. */
    @Override
    public boolean headerRejected() {
        return !headerErrors.isEmpty();
    }

    /** The document read so far; call after the last member. */
    DatasetDocument finish() {
        if (headerErrors.isEmpty()) {
            if (format == null) {
                headerErrors.document("format", "is required (\"" + FORMAT + "\")");
            }
            if (version == null) {
                headerErrors.document("version", "is required (" + VERSION + ")");
            }
        }
        // A document of another format or version is rejected as a whole, without record noise.
        ImportErrors reported = headerErrors.isEmpty() ? errors : headerErrors;
        return new DatasetDocument(format, version, genres, franchises, games, editions, received, unsupported,
                rejected, reported);
    }

    private void section(String section, JsonParser p, RecordReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            errors.section(section, "must be an array");
            p.skipChildren();
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode node = p.readValueAsTree();
            reader.read(index++, node);
        }
        received.put(section, index);
    }

    private int count(String section, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            errors.section(section, "must be an array");
            p.skipChildren();
            return 0;
        }
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                errors.record(section, count, null, null, null, "must be an object");
            }
            p.skipChildren();
            count++;
        }
        return count;
    }

    private void genre(int index, JsonNode node) {
        keep("genres", RecordFields.of("genres", index, node, errors, GENRE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = f.requiredString("name");
            return f.ok() ? new DatasetRecords.Genre(index, id, slug, name) : null;
        }, genres::add);
    }

    private void franchise(int index, JsonNode node) {
        keep("franchises", RecordFields.of("franchises", index, node, errors, FRANCHISE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = f.requiredString("name");
            return f.ok() ? new DatasetRecords.Franchise(index, id, slug, name) : null;
        }, franchises::add);
    }

    private void game(int index, JsonNode node) {
        keep("games", RecordFields.of("games", index, node, errors, GAME_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = f.requiredString("name");
            String franchise = f.optionalSlugReference("franchise");
            List<String> genreSlugs = f.slugList("genres");
            Integer year = f.optionalInt("original_release_year", 1940, 2200);
            String summary = f.optionalText("summary");
            String coverUrl = f.optionalText("cover_url");
            Long igdbId = f.optionalPositiveLong("igdb_id");
            List<String> platforms = f.slugList("platforms");
            return f.ok() ? new DatasetRecords.Game(index, id, slug, name, franchise, genreSlugs, year, summary,
                    coverUrl, igdbId, platforms) : null;
        }, games::add);
    }

    private void edition(int index, JsonNode node) {
        keep("editions", RecordFields.of("editions", index, node, errors, EDITION_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String game = f.slugReference("game");
            String name = f.requiredString("name");
            String type = f.choice("edition_type", EDITION_TYPES);
            var releaseDate = f.optionalDate("release_date");
            List<String> platforms = f.slugList("platforms");
            return f.ok() ? new DatasetRecords.Edition(index, id, slug, game, name, type, releaseDate, platforms) : null;
        }, editions::add);
    }

    private <R> void keep(String section, RecordFields fields, Function<RecordFields, R> build, Consumer<R> sink) {
        if (fields == null) {
            return;
        }
        R record = build.apply(fields);
        if (record == null) {
            rejected.add(section, fields.rawSlug());
        } else {
            sink.accept(record);
        }
    }

    @FunctionalInterface
    private interface RecordReader {
        void read(int index, JsonNode node);
    }
}
