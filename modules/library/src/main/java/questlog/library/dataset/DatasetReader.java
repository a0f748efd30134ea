package questlog.library.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.RecordFields;

/**
 * Checks the records of the four catalog sections of one dataset document as they stream in,
 * field by field ({@link RecordFields}), keeping the valid ones; references between records and
 * conflicts with the database are checked later by {@link DatasetPlan}.
 */
final class DatasetReader {
    static final List<String> EDITION_TYPES = List.of("original", "port", "remaster", "enhanced", "remake", "definitive");

    private static final Set<String> GENRE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> FRANCHISE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> GAME_FIELDS = Set.of("id", "slug", "name", "franchise", "genres",
            "original_release_year", "summary", "cover_url", "igdb_id", "platforms");
    private static final Set<String> EDITION_FIELDS = Set.of("id", "slug", "game", "name", "edition_type",
            "release_date", "platforms");

    private final DatasetProblems errors;
    final DatasetRejected rejected = new DatasetRejected();
    final List<DatasetRecords.Genre> genres = new ArrayList<>();
    final List<DatasetRecords.Franchise> franchises = new ArrayList<>();
    final List<DatasetRecords.Game> games = new ArrayList<>();
    final List<DatasetRecords.Edition> editions = new ArrayList<>();

    DatasetReader(DatasetProblems errors) {
        this.errors = errors;
    }

    DatasetProblems errors() {
        return errors;
    }

    void genre(int index, JsonNode node) {
        keep("genres", RecordFields.of("genres", index, node, errors, GENRE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = f.requiredString("name");
            return f.ok() ? new DatasetRecords.Genre(index, id, slug, name) : null;
        }, genres::add);
    }

    void franchise(int index, JsonNode node) {
        keep("franchises", RecordFields.of("franchises", index, node, errors, FRANCHISE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = f.requiredString("name");
            return f.ok() ? new DatasetRecords.Franchise(index, id, slug, name) : null;
        }, franchises::add);
    }

    void game(int index, JsonNode node) {
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

    void edition(int index, JsonNode node) {
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
}
