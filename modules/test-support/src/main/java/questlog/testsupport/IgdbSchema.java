package questlog.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The IGDB endpoints {@link FakeIgdb} serves and their fields. A field is one of three kinds:
 * modelled (the catalog holds values for it), known but not modelled (a real IGDB field the
 * catalog has no data for: always absent, as IGDB omits empty fields) or deprecated (accepted in
 * queries, never returned, and a {@code where} on it matches nothing). Any other name is an
 * "Invalid Field" 400, as on the real API, so a typo in a client fails here too.
 */
final class IgdbSchema {
    enum Kind { INT, DOUBLE, STRING, BOOL, REF, REFS }

    /** A modelled field: its kind and, for references, the endpoint they point into. */
    record FieldType(Kind kind, String target) {
        boolean isReference() {
            return kind == Kind.REF || kind == Kind.REFS;
        }

        boolean isNumeric() {
            return kind == Kind.INT || kind == Kind.DOUBLE || isReference();
        }
    }

    /** One endpoint: modelled fields in answer order, then the other names IGDB accepts. */
    record Endpoint(String name, Map<String, FieldType> fields, Set<String> unmodelled, Set<String> deprecated) {}

    private static final Map<String, Endpoint> ENDPOINTS = new LinkedHashMap<>();

    static {
        define("games", fields()
                        .str("name").str("slug").str("url").str("summary")
                        .integer("first_release_date")
                        .ref("cover", "covers")
                        .refs("genres", "genres").refs("platforms", "platforms")
                        .ref("franchise", "franchises").refs("franchises", "franchises")
                        .refs("collections", "collections")
                        .ref("game_type", "game_types")
                        .ref("parent_game", "games").ref("version_parent", "games").str("version_title")
                        .refs("dlcs", "games").refs("expansions", "games")
                        .refs("external_games", "external_games")
                        .dbl("total_rating").integer("total_rating_count")
                        .integer("updated_at"),
                Set.of("storyline", "themes", "game_modes", "player_perspectives", "keywords", "game_status",
                        "standalone_expansions", "bundles", "remakes", "remasters", "ports", "expanded_games",
                        "forks", "similar_games", "rating", "rating_count", "aggregated_rating",
                        "aggregated_rating_count", "hypes", "websites", "release_dates", "involved_companies",
                        "screenshots", "artworks", "videos", "alternative_names", "age_ratings", "created_at",
                        "checksum", "game_engines", "game_localizations", "language_supports", "multiplayer_modes",
                        "tags"),
                Set.of("category", "status", "collection", "follows"));
        define("covers", fields()
                        .ref("game", "games").str("image_id").str("url")
                        .integer("width").integer("height").bool("alpha_channel").bool("animated"),
                Set.of("checksum", "game_localization"),
                Set.of());
        define("genres", fields().str("name").str("slug").str("url"),
                Set.of("checksum", "created_at", "updated_at"),
                Set.of());
        define("platforms", fields().str("name").str("abbreviation").str("slug").str("url"),
                Set.of("alternative_name", "generation", "platform_family", "platform_logo", "platform_type",
                        "summary", "versions", "websites", "checksum", "created_at", "updated_at"),
                Set.of("category"));
        define("franchises", fields().str("name").str("slug").str("url").refs("games", "games"),
                Set.of("checksum", "created_at", "updated_at"),
                Set.of());
        define("collections", fields().str("name").str("slug").str("url").refs("games", "games"),
                Set.of("type", "as_parent_relations", "as_child_relations", "checksum", "created_at", "updated_at"),
                Set.of());
        define("game_types", fields().str("type"),
                Set.of("checksum", "created_at", "updated_at"),
                Set.of());
        define("external_games", fields()
                        .ref("game", "games").str("uid").ref("external_game_source", "external_game_sources")
                        .str("name").str("url"),
                Set.of("game_release_format", "platform", "year", "countries", "checksum", "created_at",
                        "updated_at"),
                Set.of("category", "media"));
        define("external_game_sources", fields().str("name"),
                Set.of("checksum", "created_at", "updated_at"),
                Set.of());
    }

    private IgdbSchema() {}

    static Endpoint endpoint(String name) {
        return ENDPOINTS.get(name);
    }

    private static void define(String name, FieldsBuilder fields, Set<String> unmodelled, Set<String> deprecated) {
        ENDPOINTS.put(name, new Endpoint(name, fields.build(), unmodelled, deprecated));
    }

    private static FieldsBuilder fields() {
        return new FieldsBuilder();
    }

    private static final class FieldsBuilder {
        private final Map<String, FieldType> fields = new LinkedHashMap<>();

        FieldsBuilder() {
            fields.put("id", new FieldType(Kind.INT, null));
        }

        FieldsBuilder str(String name) { return put(name, Kind.STRING, null); }
        FieldsBuilder integer(String name) { return put(name, Kind.INT, null); }
        FieldsBuilder dbl(String name) { return put(name, Kind.DOUBLE, null); }
        FieldsBuilder bool(String name) { return put(name, Kind.BOOL, null); }
        FieldsBuilder ref(String name, String target) { return put(name, Kind.REF, target); }
        FieldsBuilder refs(String name, String target) { return put(name, Kind.REFS, target); }

        private FieldsBuilder put(String name, Kind kind, String target) {
            fields.put(name, new FieldType(kind, target));
            return this;
        }

        Map<String, FieldType> build() {
            return Collections.unmodifiableMap(fields);
        }
    }
}
