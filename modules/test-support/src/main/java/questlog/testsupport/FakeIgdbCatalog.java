package questlog.testsupport;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data a {@link FakeIgdb} serves: games with their covers, genres, platforms, franchises,
 * collections, game types and store ids (external_games). Immutable once built. Make one with
 * {@link #builder()}, or take {@link #realistic()} (a dozen real games with real IGDB ids) or
 * {@link #generated(int, long)} (any number of synthetic games, for volume tests).
 *
 * <p>Values follow IGDB's wire conventions: timestamps are unix seconds, absent values are null
 * (and absent from answers), references are ids.
 */
public final class FakeIgdbCatalog {
    /** external_game_source ids (the numbers of the deprecated external_games.category enum). */
    public static final long STEAM = 1, GOG = 5;

    /** A game; the reference lists hold ids. {@code gameType} is a {@link GameType} id (0 = main_game). */
    public record Game(long id, String name, String slug, String summary, Long firstReleaseDate, Cover cover,
                       List<Long> genres, List<Long> platforms, Long franchise, List<Long> franchises,
                       List<Long> collections, long gameType, Long parentGame, Long versionParent,
                       String versionTitle, String url, Long updatedAt, Double totalRating,
                       Integer totalRatingCount) {
        public Game {
            Objects.requireNonNull(name, "name");
            genres = List.copyOf(genres);
            platforms = List.copyOf(platforms);
            franchises = List.copyOf(franchises);
            collections = List.copyOf(collections);
        }
    }

    /** A cover image; {@code url} on the wire is derived from {@code imageId}. */
    public record Cover(long id, String imageId, int width, int height) {}

    public record Genre(long id, String name, String slug) {}

    public record Platform(long id, String name, String slug, String abbreviation) {}

    public record Franchise(long id, String name, String slug) {}

    public record Collection(long id, String name, String slug) {}

    /** {@code type} is IGDB's name, e.g. {@code main_game}, {@code dlc_addon}. */
    public record GameType(long id, String type) {}

    /** A store id row: {@code uid} is a string, as on IGDB (Steam appid "620"). */
    public record ExternalGame(long id, long game, String uid, long externalGameSource, String name) {}

    public record ExternalGameSource(long id, String name) {}

    /** IGDB's game types with the numbers of the legacy category enum, which the docs still list. */
    static final List<GameType> GAME_TYPES = List.of(
            new GameType(0, "main_game"), new GameType(1, "dlc_addon"), new GameType(2, "expansion"),
            new GameType(3, "bundle"), new GameType(4, "standalone_expansion"), new GameType(5, "mod"),
            new GameType(6, "episode"), new GameType(7, "season"), new GameType(8, "remake"),
            new GameType(9, "remaster"), new GameType(10, "expanded_game"), new GameType(11, "port"),
            new GameType(12, "fork"), new GameType(13, "pack"), new GameType(14, "update"));

    static final List<ExternalGameSource> EXTERNAL_GAME_SOURCES = List.of(
            new ExternalGameSource(1, "Steam"), new ExternalGameSource(5, "GOG"),
            new ExternalGameSource(10, "Youtube"), new ExternalGameSource(11, "Microsoft"),
            new ExternalGameSource(13, "Apple"), new ExternalGameSource(14, "Twitch"),
            new ExternalGameSource(15, "Android"), new ExternalGameSource(26, "Epic Games Store"),
            new ExternalGameSource(30, "itch.io"));

    private final List<Game> games;
    private final Map<Long, Game> gamesById;
    private final List<Genre> genres;
    private final List<Platform> platforms;
    private final List<Franchise> franchises;
    private final List<Collection> collections;
    private final List<ExternalGame> externalGames;
    private final IgdbTables tables;

    private FakeIgdbCatalog(Builder b) {
        this.games = sortedById(b.games.values(), Game::id);
        this.gamesById = Map.copyOf(b.games);
        this.genres = sortedById(b.genres.values(), Genre::id);
        this.platforms = sortedById(b.platforms.values(), Platform::id);
        this.franchises = sortedById(b.franchises.values(), Franchise::id);
        this.collections = sortedById(b.collections.values(), Collection::id);
        this.externalGames = sortedById(b.externalGames.values(), ExternalGame::id);
        checkReferences();
        this.tables = IgdbTables.of(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * About a dozen real games with their IGDB ids and shapes: Portal 2 (72, Steam "620"), The
     * Witcher 3 (1942) and its Game of the Year edition (both on Steam "292030", so picking one needs
     * the version_parent rule), Dota 2 (2963, "570"), Hades (Steam "1145360"), Final Fantasy VII and
     * its Remake (with a dlc_addon), two games named "Resident Evil", an unreleased game with no
     * release date and no cover, and a Switch game with no store row.
     */
    public static FakeIgdbCatalog realistic() {
        return RealisticIgdbCatalog.build();
    }

    /**
     * {@code games} synthetic main games with unique names and ids 1..games, each with exactly one
     * Steam row whose uid is {@code String.valueOf(100000 + i)} for the i-th game (1-based), a
     * cover, 1-3 genres and some platforms; some belong to a franchise. Same seed, same catalog.
     */
    public static FakeIgdbCatalog generated(int games, long seed) {
        return generated(games, seed, 1);
    }

    /** As {@link #generated(int, long)}, with game ids firstId..firstId+games-1. */
    public static FakeIgdbCatalog generated(int games, long seed, long firstId) {
        return GeneratedIgdbCatalog.build(games, seed, firstId);
    }

    /** All games, by id. */
    public List<Game> games() {
        return games;
    }

    public Optional<Game> game(long id) {
        return Optional.ofNullable(gamesById.get(id));
    }

    public List<Genre> genres() {
        return genres;
    }

    public List<Platform> platforms() {
        return platforms;
    }

    public List<Franchise> franchises() {
        return franchises;
    }

    public List<Collection> collections() {
        return collections;
    }

    public List<GameType> gameTypes() {
        return GAME_TYPES;
    }

    public List<ExternalGame> externalGames() {
        return externalGames;
    }

    /** The external_games rows of one game. */
    public List<ExternalGame> externalGamesOf(long gameId) {
        return externalGames.stream().filter(e -> e.game() == gameId).toList();
    }

    IgdbTables tables() {
        return tables;
    }

    private void checkReferences() {
        Set<Long> genreIds = ids(genres, Genre::id);
        Set<Long> platformIds = ids(platforms, Platform::id);
        Set<Long> franchiseIds = ids(franchises, Franchise::id);
        Set<Long> collectionIds = ids(collections, Collection::id);
        Set<Long> typeIds = ids(GAME_TYPES, GameType::id);
        for (Game g : games) {
            check(genreIds.containsAll(g.genres()), g, "genres " + g.genres());
            check(platformIds.containsAll(g.platforms()), g, "platforms " + g.platforms());
            check(franchiseIds.containsAll(g.franchises()), g, "franchises " + g.franchises());
            check(g.franchise() == null || franchiseIds.contains(g.franchise()), g, "franchise " + g.franchise());
            check(collectionIds.containsAll(g.collections()), g, "collections " + g.collections());
            check(typeIds.contains(g.gameType()), g, "game type " + g.gameType());
            check(g.parentGame() == null || gamesById.containsKey(g.parentGame()), g, "parent game " + g.parentGame());
            check(g.versionParent() == null || gamesById.containsKey(g.versionParent()), g,
                    "version parent " + g.versionParent());
        }
        for (ExternalGame e : externalGames) {
            if (!gamesById.containsKey(e.game())) {
                throw new IllegalArgumentException("external game " + e.id() + " points at unknown game " + e.game());
            }
        }
    }

    private static void check(boolean ok, Game game, String what) {
        if (!ok) {
            throw new IllegalArgumentException("game " + game.id() + " (" + game.name() + ") refers to unknown " + what);
        }
    }

    private static <T> Set<Long> ids(List<T> items, Function<T, Long> id) {
        return items.stream().map(id).collect(Collectors.toCollection(HashSet::new));
    }

    private static <T> List<T> sortedById(java.util.Collection<T> items, Function<T, Long> id) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> Long.compare(id.apply(a), id.apply(b)));
        return List.copyOf(sorted);
    }

    /** IGDB-style slug: lower case, runs of other characters become one dash. */
    static String slugify(String name) {
        StringBuilder slug = new StringBuilder(name.length());
        boolean dash = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && !slug.isEmpty()) {
                    slug.append('-');
                }
                slug.append(c);
                dash = false;
            } else {
                dash = true;
            }
        }
        return slug.toString();
    }

    /** Builds a catalog; a later entry with the same id replaces the earlier one. */
    public static final class Builder {
        private final Map<Long, Game> games = new LinkedHashMap<>();
        private final Map<Long, Genre> genres = new LinkedHashMap<>();
        private final Map<Long, Platform> platforms = new LinkedHashMap<>();
        private final Map<Long, Franchise> franchises = new LinkedHashMap<>();
        private final Map<Long, Collection> collections = new LinkedHashMap<>();
        private final Map<Long, ExternalGame> externalGames = new LinkedHashMap<>();

        private Builder() {}

        public Builder genre(long id, String name) {
            return genre(new Genre(id, name, slugify(name)));
        }

        public Builder genre(Genre genre) {
            genres.put(genre.id(), genre);
            return this;
        }

        public Builder platform(long id, String name, String slug, String abbreviation) {
            platforms.put(id, new Platform(id, name, slug, abbreviation));
            return this;
        }

        public Builder franchise(long id, String name) {
            franchises.put(id, new Franchise(id, name, slugify(name)));
            return this;
        }

        public Builder collection(long id, String name) {
            collections.put(id, new Collection(id, name, slugify(name)));
            return this;
        }

        /** A game; {@code details} fills in the rest (defaults: main_game, slug from the name). */
        public Builder game(long id, String name, Consumer<GameBuilder> details) {
            GameBuilder g = new GameBuilder(id, name);
            details.accept(g);
            games.put(id, g.build());
            for (ExternalGame row : g.externalRows) {
                externalGames.put(row.id(), row);
            }
            return this;
        }

        public Builder game(long id, String name) {
            return game(id, name, g -> {});
        }

        public Builder game(Game game) {
            games.put(game.id(), game);
            return this;
        }

        public Builder externalGame(long id, long game, long source, String uid, String name) {
            externalGames.put(id, new ExternalGame(id, game, uid, source, name));
            return this;
        }

        public FakeIgdbCatalog build() {
            return new FakeIgdbCatalog(this);
        }
    }

    /** The optional parts of one game. */
    public static final class GameBuilder {
        private final long id;
        private final String name;
        private String slug;
        private String summary;
        private Long firstReleaseDate;
        private Cover cover;
        private List<Long> genres = List.of();
        private List<Long> platforms = List.of();
        private Long franchise;
        private final List<Long> franchises = new ArrayList<>();
        private List<Long> collections = List.of();
        private long gameType = 0;
        private Long parentGame;
        private Long versionParent;
        private String versionTitle;
        private String url;
        private Long updatedAt = 1_755_004_800L;
        private Double totalRating;
        private Integer totalRatingCount;
        private final List<ExternalGame> externalRows = new ArrayList<>();

        private GameBuilder(long id, String name) {
            this.id = id;
            this.name = name;
        }

        public GameBuilder slug(String slug) { this.slug = slug; return this; }

        public GameBuilder summary(String summary) { this.summary = summary; return this; }

        /** Release day, stored as unix seconds at 00:00 UTC. */
        public GameBuilder released(LocalDate day) {
            return firstReleaseDate(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        }

        public GameBuilder firstReleaseDate(Long unixSeconds) { this.firstReleaseDate = unixSeconds; return this; }

        public GameBuilder cover(long coverId, String imageId, int width, int height) {
            this.cover = new Cover(coverId, imageId, width, height);
            return this;
        }

        public GameBuilder genres(long... ids) { this.genres = list(ids); return this; }

        public GameBuilder platforms(long... ids) { this.platforms = list(ids); return this; }

        /** The main franchise; also added to {@code franchises}. */
        public GameBuilder franchise(long franchiseId) {
            this.franchise = franchiseId;
            if (!franchises.contains(franchiseId)) {
                franchises.add(0, franchiseId);
            }
            return this;
        }

        public GameBuilder franchises(long... ids) {
            for (long f : ids) {
                if (!franchises.contains(f)) {
                    franchises.add(f);
                }
            }
            return this;
        }

        public GameBuilder collections(long... ids) { this.collections = list(ids); return this; }

        /** By IGDB name: main_game, dlc_addon, expansion, bundle, remake, remaster, port, ... */
        public GameBuilder gameType(String type) {
            this.gameType = GAME_TYPES.stream().filter(t -> t.type().equals(type)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown game type " + type)).id();
            return this;
        }

        /** For DLCs and expansions: the base game. */
        public GameBuilder parentGame(long gameId) { this.parentGame = gameId; return this; }

        /** For editions ("Game of the Year Edition"): the original game. */
        public GameBuilder versionParent(long gameId, String versionTitle) {
            this.versionParent = gameId;
            this.versionTitle = versionTitle;
            return this;
        }

        public GameBuilder url(String url) { this.url = url; return this; }

        public GameBuilder updatedAt(Long unixSeconds) { this.updatedAt = unixSeconds; return this; }

        public GameBuilder rating(double totalRating, int totalRatingCount) {
            this.totalRating = totalRating;
            this.totalRatingCount = totalRatingCount;
            return this;
        }

        /** A Steam external_games row for this game, named like it. */
        public GameBuilder steam(long rowId, String appId) {
            return externalGame(rowId, STEAM, appId);
        }

        /** A GOG external_games row for this game. */
        public GameBuilder gog(long rowId, String gogId) {
            return externalGame(rowId, GOG, gogId);
        }

        public GameBuilder externalGame(long rowId, long source, String uid) {
            externalRows.add(new ExternalGame(rowId, id, uid, source, name));
            return this;
        }

        private Game build() {
            String s = slug != null ? slug : slugify(name);
            String u = url != null ? url : "https://www.igdb.com/games/" + s;
            return new Game(id, name, s, summary, firstReleaseDate, cover, genres, platforms, franchise,
                    franchises, collections, gameType, parentGame, versionParent, versionTitle, u, updatedAt,
                    totalRating, totalRatingCount);
        }

        private static List<Long> list(long... ids) {
            List<Long> out = new ArrayList<>(ids.length);
            for (long id : ids) {
                out.add(id);
            }
            return out;
        }
    }
}
