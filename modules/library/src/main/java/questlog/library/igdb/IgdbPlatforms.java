package questlog.library.igdb;

import java.util.Map;
import questlog.common.Slugs;

/**
 * IGDB platforms as Questlog's platform slugs ({@code "pc"}, {@code "ps2"}, {@code "switch"}; see
 * the dataset format). IGDB's own slugs differ ({@code "win"}, {@code "ps4--1"}), so the common
 * platforms are mapped by IGDB id; any other platform keeps a slug of IGDB's slug.
 */
final class IgdbPlatforms {
    private static final Map<Long, String> BY_ID = Map.ofEntries(
            Map.entry(6L, "pc"), Map.entry(14L, "mac"), Map.entry(3L, "linux"), Map.entry(52L, "arcade"),
            Map.entry(18L, "nes"), Map.entry(64L, "master-system"), Map.entry(16L, "amiga"), Map.entry(19L, "snes"),
            Map.entry(29L, "genesis"), Map.entry(33L, "game-boy"), Map.entry(7L, "ps1"), Map.entry(4L, "n64"),
            Map.entry(32L, "saturn"), Map.entry(23L, "dreamcast"), Map.entry(8L, "ps2"), Map.entry(21L, "gamecube"),
            Map.entry(11L, "xbox"), Map.entry(24L, "gba"), Map.entry(20L, "nds"), Map.entry(38L, "psp"),
            Map.entry(12L, "xbox-360"), Map.entry(9L, "ps3"), Map.entry(5L, "wii"), Map.entry(37L, "3ds"),
            Map.entry(46L, "ps-vita"), Map.entry(41L, "wii-u"), Map.entry(48L, "ps4"), Map.entry(49L, "xbox-one"),
            Map.entry(130L, "switch"), Map.entry(167L, "ps5"), Map.entry(169L, "xbox-series"),
            Map.entry(34L, "android"), Map.entry(39L, "ios"), Map.entry(170L, "stadia"));

    private IgdbPlatforms() {}

    static String slug(long igdbId, String igdbSlug, String name) {
        String known = BY_ID.get(igdbId);
        if (known != null) {
            return known;
        }
        String source = igdbSlug != null && !igdbSlug.isBlank() ? igdbSlug : name;
        return Slugs.slugify(source == null ? "" : source, "igdb-platform-" + igdbId);
    }
}
