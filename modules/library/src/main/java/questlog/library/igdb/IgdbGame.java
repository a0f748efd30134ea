package questlog.library.igdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import questlog.common.Slugs;
import questlog.library.catalog.Inputs;

/**
 * A game as IGDB describes it, read leniently (IGDB adds fields and enum values over time):
 * {@code raw} is the object exactly as received, for {@code igdb_data}.
 *
 * @param firstReleaseDate IGDB's unix-seconds {@code first_release_date} as a UTC date; null when unknown, and
 *                         when its year is not a release year of the catalog (1940 to 2200, {@link Inputs}): such
 *                         a date (IGDB has placeholder and mistyped ones) is left out rather than failing the
 *                         game's create or sync; it stays in {@code raw}
 * @param platforms Questlog platform slugs, in IGDB's order
 * @param franchise the main franchise, else the first of {@code franchises}; null when none
 * @param gameType {@code game_type.type} such as {@code main_game}; {@code "unknown"} when absent
 */
public record IgdbGame(long id, String name, String slug, String summary, LocalDate firstReleaseDate,
                       String coverImageId, List<Named> genres, List<String> platforms, Named franchise,
                       String gameType, Long versionParent, Long parentGame, ObjectNode raw) {

    private static final String IMAGE_URL = "https://images.igdb.com/igdb/image/upload/t_%s/%s.jpg";

    /** A genre or franchise: IGDB id, name and a Questlog slug. */
    public record Named(long id, String name, String slug) {}

    /** The cover at {@code t_cover_big} (264×374), built from the image id as IGDB advises; null without a cover. */
    public String coverUrl() {
        return coverImageId == null ? null : IMAGE_URL.formatted("cover_big", coverImageId);
    }

    public Integer releaseYear() {
        return firstReleaseDate == null ? null : firstReleaseDate.getYear();
    }

    /** A main game that is not an edition of another: what a Steam appid or a name should resolve to. */
    public boolean isMainGame() {
        return ("main_game".equals(gameType) || "unknown".equals(gameType)) && versionParent == null;
    }

    static IgdbGame from(JsonNode node) {
        if (!node.isObject() || !node.path("id").canConvertToLong() || !node.path("name").isTextual()) {
            throw new IgdbException.BadResponse("IGDB returned a game without an id or a name", null);
        }
        long id = node.path("id").asLong();
        String name = node.path("name").asText();
        LocalDate released = releaseDate(node.path("first_release_date"));
        JsonNode cover = node.path("cover");
        String coverImage = cover.path("image_id").isTextual() ? cover.path("image_id").asText() : null;
        List<Named> genres = named(node.path("genres"));
        List<String> platforms = new ArrayList<>();
        for (JsonNode platform : node.path("platforms")) {
            if (platform.isObject() && platform.path("id").canConvertToLong()) {
                String slug = IgdbPlatforms.slug(platform.path("id").asLong(), text(platform, "slug"),
                        text(platform, "name"));
                if (!platforms.contains(slug)) {
                    platforms.add(slug);
                }
            }
        }
        Named franchise = one(node.path("franchise"));
        if (franchise == null) {
            List<Named> franchises = named(node.path("franchises"));
            franchise = franchises.isEmpty() ? null : franchises.getFirst();
        }
        String gameType = node.path("game_type").path("type").isTextual()
                ? node.path("game_type").path("type").asText() : "unknown";
        return new IgdbGame(id, name, text(node, "slug"), text(node, "summary"), released, coverImage, genres,
                List.copyOf(platforms), franchise, gameType, reference(node.path("version_parent")),
                reference(node.path("parent_game")), ((ObjectNode) node).deepCopy());
    }

    /** IGDB's unix seconds as a UTC date, when that is a release date the catalog keeps; else null. */
    static LocalDate releaseDate(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return null;
        }
        long value = seconds.asLong();
        // Instant's own range is years -1e9..1e9; anything that far out is no release date anyway.
        if (value < Instant.MIN.getEpochSecond() || value > Instant.MAX.getEpochSecond()) {
            return null;
        }
        LocalDate date = Instant.ofEpochSecond(value).atZone(ZoneOffset.UTC).toLocalDate();
        return Inputs.releaseDateInRange(date) ? date : null;
    }

    private static List<Named> named(JsonNode array) {
        List<Named> out = new ArrayList<>();
        for (JsonNode item : array) {
            Named named = one(item);
            if (named != null) {
                out.add(named);
            }
        }
        return List.copyOf(out);
    }

    /** An expanded reference ({@code {"id":…, "name":…}}); a bare id carries no name and is skipped. */
    private static Named one(JsonNode node) {
        if (!node.isObject() || !node.path("id").canConvertToLong() || !node.path("name").isTextual()
                || node.path("name").asText().isBlank()) {
            return null;
        }
        String name = node.path("name").asText().strip();
        long id = node.path("id").asLong();
        String slug = Slugs.slugify(name, "igdb-" + id);
        return new Named(id, name, slug);
    }

    private static Long reference(JsonNode node) {
        if (node.canConvertToLong()) {
            return node.asLong();
        }
        return node.path("id").canConvertToLong() ? node.path("id").asLong() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
