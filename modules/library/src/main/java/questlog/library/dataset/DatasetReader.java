package questlog.library.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import questlog.common.Slugs;
import questlog.common.Texts;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.RecordFields;
import questlog.library.catalog.Inputs;

/**
 * Checks the records of the catalog sections of one dataset document as they stream in,
 * field by field ({@link RecordFields}), keeping the valid ones; references between records and
 * conflicts with the database are checked later by {@link DatasetPlan}. {@code full}: the
 * document is in Questlog's own format, whose records have every column.
 * <p>
 * A field takes what the API takes for it ({@link Inputs}: names at most 500 characters, ids
 * 255, release years and the years of release dates 1940 to 2200, any other text the API's
 * 20,000), so that what the API refuses cannot come in through an import either. Platforms of
 * Questlog's own format are texts (as stored) of at most a slug's 255 characters.
 */
final class DatasetReader {
    static final List<String> EDITION_TYPES = List.of("original", "port", "remaster", "enhanced", "remake", "definitive");
    static final List<String> RELATIONSHIP_TYPES = List.of("sequel", "prequel", "spinoff", "epilogue", "expansion");
    static final List<String> EXTERNAL_SOURCES = List.of("igdb", "steam", "gog", "twitch", "xbox", "psn");

    private static final Set<String> GENRE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> FRANCHISE_FIELDS = Set.of("id", "slug", "name");
    private static final Set<String> GAME_FIELDS = Set.of("id", "slug", "name", "franchise", "genres",
            "original_release_year", "summary", "cover_url", "igdb_id", "platforms");
    private static final Set<String> EDITION_FIELDS = Set.of("id", "slug", "game", "name", "edition_type",
            "release_date", "platforms");
    private static final Set<String> FULL_GENRE_FIELDS = Set.of("id", "slug", "name", "igdb_id", "parent", "created_at",
            "updated_at");
    private static final Set<String> FULL_FRANCHISE_FIELDS = Set.of("id", "slug", "name", "created_at", "updated_at");
    private static final Set<String> FULL_GAME_FIELDS = Set.of("id", "slug", "name", "sort_name", "franchise", "genres",
            "parent_game", "relationship_type", "primary_genre", "original_release_year", "summary", "cover_url",
            "platforms", "igdb_id", "igdb_data", "last_synced_at", "created_at", "updated_at");
    private static final Set<String> FULL_EDITION_FIELDS = Set.of("id", "slug", "game", "name", "edition_type",
            "platforms", "release_date", "cover_url", "summary", "igdb_id", "twitch_category_id", "igdb_data",
            "last_synced_at", "created_at", "updated_at");
    private static final Set<String> EXTERNAL_ID_FIELDS = Set.of("id", "source", "external_id", "game", "edition",
            "created_at", "updated_at");

    private final DatasetProblems errors;
    private final boolean full;
    final DatasetRejected rejected = new DatasetRejected();
    final List<DatasetRecords.Genre> genres = new ArrayList<>();
    final List<DatasetRecords.Franchise> franchises = new ArrayList<>();
    final List<DatasetRecords.Game> games = new ArrayList<>();
    final List<DatasetRecords.Edition> editions = new ArrayList<>();
    final List<DatasetRecords.ExternalId> externalIds = new ArrayList<>();

    DatasetReader(DatasetProblems errors, boolean full) {
        this.errors = errors;
        this.full = full;
    }

    DatasetProblems errors() {
        return errors;
    }

    boolean full() {
        return full;
    }

    void genre(int index, JsonNode node) {
        keep("genres", RecordFields.of("genres", index, node, errors, full ? FULL_GENRE_FIELDS : GENRE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = limit(f, "name", f.requiredString("name"), Inputs.MAX_NAME_LENGTH);
            Long igdbId = full ? f.optionalPositiveLong("igdb_id") : null;
            String parent = full ? f.optionalSlugReference("parent") : null;
            DatasetRecords.Stamps stamps = stamps(f);
            return f.ok() ? new DatasetRecords.Genre(index, id, slug, name, igdbId, parent, stamps) : null;
        }, genres::add);
    }

    void franchise(int index, JsonNode node) {
        keep("franchises", RecordFields.of("franchises", index, node, errors, full ? FULL_FRANCHISE_FIELDS : FRANCHISE_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = limit(f, "name", f.requiredString("name"), Inputs.MAX_NAME_LENGTH);
            DatasetRecords.Stamps stamps = stamps(f);
            return f.ok() ? new DatasetRecords.Franchise(index, id, slug, name, stamps) : null;
        }, franchises::add);
    }

    void game(int index, JsonNode node) {
        keep("games", RecordFields.of("games", index, node, errors, full ? FULL_GAME_FIELDS : GAME_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String name = limit(f, "name", f.requiredString("name"), Inputs.MAX_NAME_LENGTH);
            String franchise = f.optionalSlugReference("franchise");
            List<String> genreSlugs = f.slugList("genres");
            Integer year = f.optionalInt("original_release_year", Inputs.MIN_YEAR, Inputs.MAX_YEAR);
            String summary = optionalText(f, "summary", Texts.MAX_LENGTH);
            String coverUrl = optionalText(f, "cover_url", Texts.MAX_LENGTH);
            Long igdbId = f.optionalPositiveLong("igdb_id");
            List<String> platforms = platforms(f);
            DatasetRecords.GameExtra extra = null;
            if (full) {
                String parentGame = f.optionalSlugReference("parent_game");
                String relationship = f.optionalChoice("relationship_type", RELATIONSHIP_TYPES);
                if ((parentGame == null) != (relationship == null) && f.ok()) {
                    f.fail(parentGame == null ? "parent_game" : "relationship_type",
                            "parent_game and relationship_type are given together or not at all");
                }
                if (parentGame != null && parentGame.equals(slug)) {
                    f.fail("parent_game", "must be another game");
                }
                JsonNode igdbData = f.object("igdb_data", false);
                extra = new DatasetRecords.GameExtra(optionalText(f, "sort_name", Inputs.MAX_NAME_LENGTH), parentGame,
                        relationship, f.optionalSlugReference("primary_genre"), igdbData == null ? null : igdbData.toString(),
                        f.optionalTimestamp("last_synced_at"), stamps(f));
            }
            return f.ok() ? new DatasetRecords.Game(index, id, slug, name, franchise, genreSlugs, year, summary,
                    coverUrl, igdbId, platforms, extra) : null;
        }, games::add);
    }

    void edition(int index, JsonNode node) {
        keep("editions", RecordFields.of("editions", index, node, errors, full ? FULL_EDITION_FIELDS : EDITION_FIELDS), f -> {
            UUID id = f.id();
            String slug = f.slug();
            String game = f.slugReference("game");
            String name = limit(f, "name", f.requiredString("name"), Inputs.MAX_NAME_LENGTH);
            String type = f.choice("edition_type", EDITION_TYPES);
            LocalDate releaseDate = f.optionalDate("release_date");
            if (releaseDate != null && !Inputs.releaseDateInRange(releaseDate)) {
                f.fail("release_date", Inputs.RELEASE_DATE_RANGE + " or null");
                releaseDate = null;
            }
            List<String> platforms = platforms(f);
            DatasetRecords.EditionExtra extra = null;
            if (full) {
                JsonNode igdbData = f.object("igdb_data", false);
                extra = new DatasetRecords.EditionExtra(optionalText(f, "cover_url", Texts.MAX_LENGTH),
                        optionalText(f, "summary", Texts.MAX_LENGTH), f.optionalPositiveLong("igdb_id"),
                        optionalText(f, "twitch_category_id", Inputs.MAX_ID_LENGTH),
                        igdbData == null ? null : igdbData.toString(), f.optionalTimestamp("last_synced_at"), stamps(f));
            }
            return f.ok() ? new DatasetRecords.Edition(index, id, slug, game, name, type, releaseDate, platforms, extra) : null;
        }, editions::add);
    }

    void externalId(int index, JsonNode node) {
        RecordFields f = RecordFields.of("external_ids", index, node, errors, EXTERNAL_ID_FIELDS);
        if (f == null) {
            return;
        }
        UUID id = f.id();
        String source = f.choice("source", EXTERNAL_SOURCES);
        String externalId = limit(f, "external_id", f.requiredString("external_id"), Inputs.MAX_ID_LENGTH);
        String game = f.optionalSlugReference("game");
        String edition = f.optionalSlugReference("edition");
        if (node.hasNonNull("game") == node.hasNonNull("edition")) {
            f.fail("game", "exactly one of game and edition is given");
        }
        DatasetRecords.Stamps stamps = stamps(f);
        if (f.ok()) {
            externalIds.add(new DatasetRecords.ExternalId(index, id, source, externalId, game, edition, stamps));
        }
    }

    /**
     * A record's platforms: the bench format's are a set of slugs; Questlog's own keeps them as
     * stored, in order, each at most as long as a slug (they are indexed).
     */
    private List<String> platforms(RecordFields f) {
        if (!full) {
            return f.slugList("platforms");
        }
        List<String> platforms = f.stringList("platforms");
        if (platforms != null) {
            for (int i = 0; i < platforms.size(); i++) {
                if (limit(f, "platforms[" + i + "]", platforms.get(i), Slugs.MAX_LENGTH) == null) {
                    return null;
                }
            }
        }
        return platforms;
    }

    /** A nullable text of at most {@code max} characters. */
    private static String optionalText(RecordFields f, String field, int max) {
        return limit(f, field, f.optionalText(field), max);
    }

    /**
     * The text when it has at most {@code max} characters (code points, as the API counts them:
     * {@link Texts#length}); else a problem of the record and null.
     */
    private static String limit(RecordFields f, String field, String text, int max) {
        if (text != null && text.length() > max && Texts.length(text) > max) {
            f.fail(field, "must be at most " + max + " characters");
            return null;
        }
        return text;
    }

    private DatasetRecords.Stamps stamps(RecordFields f) {
        return full ? new DatasetRecords.Stamps(f.requiredTimestamp("created_at"), f.requiredTimestamp("updated_at")) : null;
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
