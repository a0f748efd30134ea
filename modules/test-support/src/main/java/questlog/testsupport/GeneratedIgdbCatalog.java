package questlog.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@link FakeIgdbCatalog#generated(int, long)}: synthetic main games for volume tests. Names are
 * unique (so a lookup by name is never ambiguous here, unlike in the realistic catalog), every game
 * has exactly one Steam row, and the same seed gives the same catalog.
 */
final class GeneratedIgdbCatalog {
    private static final String[] ADJECTIVES = {"Crimson", "Silent", "Hollow", "Iron", "Starlit", "Forgotten",
            "Endless", "Broken", "Golden", "Frozen", "Savage", "Hidden", "Burning", "Lost", "Eternal", "Shattered",
            "Wild", "Neon", "Ancient", "Pale", "Radiant", "Sunken", "Hungry", "Clockwork", "Velvet", "Emerald",
            "Thunder", "Quiet", "Restless", "Cobalt", "Gilded", "Rusty", "Feral", "Lunar", "Solar", "Twilight"};
    private static final String[] NOUNS = {"Harbor", "Crown", "Frontier", "Dungeon", "Odyssey", "Kingdom",
            "Legacy", "Horizon", "Citadel", "Voyage", "Garden", "Requiem", "Tide", "Forge", "Labyrinth", "Empire",
            "Outpost", "Chronicle", "Station", "Abyss", "Covenant", "Vanguard", "Archive", "Lantern", "Sanctum",
            "Wasteland", "Circuit", "Bastion", "Meadow", "Pilgrim", "Oracle", "Reactor", "Orchard", "Colossus"};
    private static final String[] SUBTITLES = {"Rebirth", "Dawn of Ashes", "The Last Light", "Reckoning",
            "Origins", "Beyond the Veil", "Tides of War", "Echoes", "The Long Night", "Homecoming", "Ascension",
            "Dead Reckoning", "First Contact", "Shadows Fall", "Second Wind", "Nightfall", "Undertow"};
    private static final long[] GENRE_IDS = {4, 5, 8, 9, 10, 12, 13, 14, 15, 24, 25, 31, 32, 33};
    private static final String[] GENRE_NAMES = {"Fighting", "Shooter", "Platform", "Puzzle", "Racing",
            "Role-playing (RPG)", "Simulator", "Sport", "Strategy", "Tactical", "Hack and slash/Beat 'em up",
            "Adventure", "Indie", "Arcade"};
    private static final long[] PLATFORMS = {6, 3, 14, 48, 49, 130, 167, 169};
    private static final int FRANCHISES = 50;
    private static final long COVER_IDS = 1_000_000, EXTERNAL_IDS = 2_000_000;
    private static final long FIRST_DAY = 631_152_000L; // 1990-01-01
    private static final long LAST_DAY = 1_735_603_200L; // 2024-12-31

    private GeneratedIgdbCatalog() {}

    static FakeIgdbCatalog build(int games, long seed, long firstId) {
        if (games < 0) {
            throw new IllegalArgumentException("games must not be negative: " + games);
        }
        Random random = new Random(seed);
        FakeIgdbCatalog.Builder b = FakeIgdbCatalog.builder();
        for (int i = 0; i < GENRE_IDS.length; i++) {
            b.genre(GENRE_IDS[i], GENRE_NAMES[i]);
        }
        b.platform(3, "Linux", "linux", "Linux").platform(6, "PC (Microsoft Windows)", "win", "PC")
                .platform(14, "Mac", "mac", "Mac").platform(48, "PlayStation 4", "ps4--1", "PS4")
                .platform(49, "Xbox One", "xboxone", "XONE").platform(130, "Nintendo Switch", "switch", "Switch")
                .platform(167, "PlayStation 5", "ps5", "PS5").platform(169, "Xbox Series X|S", "series-x-s", "Series X|S");
        for (int f = 1; f <= FRANCHISES; f++) {
            b.franchise(f, NOUNS[f % NOUNS.length] + " Saga " + f);
        }
        Set<String> names = new HashSet<>(games * 2);
        for (int i = 1; i <= games; i++) {
            long id = firstId + i - 1;
            String name = uniqueName(random, names, i);
            long[] genres = pick(random, GENRE_IDS, 1 + random.nextInt(3));
            long[] platforms = pick(random, PLATFORMS, 1 + random.nextInt(4));
            // one in twenty has no known release date, as on IGDB
            Long released = random.nextInt(20) == 0 ? null
                    : FIRST_DAY + (long) (random.nextDouble() * (LAST_DAY - FIRST_DAY)) / 86_400 * 86_400;
            boolean rated = random.nextInt(10) < 7;
            double rating = Math.round((40 + random.nextDouble() * 59) * 10) / 10.0;
            int ratingCount = 1 + random.nextInt(2000);
            long franchise = random.nextInt(10) < 3 ? 1 + random.nextInt(FRANCHISES) : 0;
            int index = i;
            b.game(id, name, g -> {
                g.firstReleaseDate(released).genres(genres).platforms(platforms)
                        .cover(COVER_IDS + index, "co" + Long.toString(COVER_IDS + index, 36), 600, 800)
                        .steam(EXTERNAL_IDS + index, String.valueOf(100_000 + index));
                if (rated) {
                    g.rating(rating, ratingCount);
                }
                if (franchise > 0) {
                    g.franchise(franchise);
                }
            });
        }
        return b.build();
    }

    private static String uniqueName(Random random, Set<String> taken, int i) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
            if (random.nextBoolean()) {
                name += ": " + SUBTITLES[random.nextInt(SUBTITLES.length)];
            }
            if (taken.add(name)) {
                return name;
            }
        }
        // the word lists give about 42,000 names; past that, number them
        String name = ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[(i / ADJECTIVES.length) % NOUNS.length] + " " + i;
        taken.add(name);
        return name;
    }

    /** {@code count} different ids from {@code ids}. */
    private static long[] pick(Random random, long[] ids, int count) {
        List<Long> left = new ArrayList<>(ids.length);
        for (long id : ids) {
            left.add(id);
        }
        long[] out = new long[Math.min(count, ids.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = left.remove(random.nextInt(left.size()));
        }
        return out;
    }
}
