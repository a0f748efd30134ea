package questlog.library.catalog;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import questlog.common.CatalogWrites;
import questlog.common.GameLookup.GameRef;
import questlog.common.CollectedEvents;
import questlog.common.Slugs;

/**
 * The library's answer to {@link CatalogWrites}: set-based lookups by name and external id, and
 * creates, on the caller's handle. Creating a game goes through {@link GameService}, so an
 * imported game is made exactly as one posted to {@code /api/games}.
 */
public final class CatalogWriter implements CatalogWrites {
    private final GameService games;
    private final Clock clock;
    private final java.util.Optional<questlog.library.igdb.IgdbClient> igdb;

    public CatalogWriter(GameService games, Clock clock, java.util.Optional<questlog.library.igdb.IgdbClient> igdb) {
        this.games = games;
        this.clock = clock;
        this.igdb = igdb;
    }

    /** IGDB's games of exactly each name, narrowed by the enrichment's rule (never a guess between two). */
    @Override
    public Map<String, Long> igdbIdsByName(Collection<String> names) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (igdb.isEmpty() || names.isEmpty()) {
            return ids;
        }
        var found = igdb.get().gamesByExactName(names);
        for (String name : names) {
            if (questlog.library.igdb.IgdbMatcher.byName(name, null, found.getOrDefault(name, List.of()))
                    instanceof questlog.library.igdb.IgdbMatcher.Found match) {
                ids.put(name, match.game().id());
            }
        }
        return ids;
    }

    @Override
    public Map<Long, GameRef> gamesByIgdbId(Handle h, Collection<Long> igdbIds) {
        Map<Long, GameRef> byId = new LinkedHashMap<>();
        if (!igdbIds.isEmpty()) {
            h.createQuery("SELECT id, slug, name, igdb_id FROM game WHERE igdb_id = ANY(:ids)")
                    .bindArray("ids", Long.class, igdbIds)
                    .map((rs, ctx) -> Map.entry(rs.getLong("igdb_id"), new GameRef(rs.getObject("id", java.util.UUID.class),
                            rs.getString("slug"), rs.getString("name"))))
                    .forEach(e -> byId.put(e.getKey(), e.getValue()));
        }
        return byId;
    }

    @Override
    public Map<String, FranchiseRef> franchisesByName(Handle h, Collection<String> names) {
        Map<String, String> slugOf = new HashMap<>();
        names.forEach(n -> slugOf.put(n, Slugs.slugify(n, "franchise")));
        List<FranchiseRef> rows = h.createQuery("""
                        SELECT id, slug, name FROM franchise
                        WHERE lower(name) = ANY(:names) OR slug = ANY(:slugs)
                        ORDER BY slug""")
                .bindArray("names", String.class, names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList())
                .bindArray("slugs", String.class, slugOf.values())
                .map(ConstructorMapper.of(FranchiseRef.class))
                .list();
        Map<String, FranchiseRef> byName = new LinkedHashMap<>();
        for (String name : names) {
            // The same name (ignoring case) first, else the same slug.
            rows.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst()
                    .or(() -> rows.stream().filter(r -> r.slug().equals(slugOf.get(name))).findFirst())
                    .ifPresent(r -> byName.put(name, r));
        }
        return byName;
    }

    @Override
    public FranchiseRef createFranchise(Handle h, String name) {
        var franchises = h.attach(FranchiseDao.class);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Franchise created = SlugAllocator.insert(Slugs.slugify(name, "franchise"), franchises::slugsLike,
                slug -> franchises.insert(name, slug, now));
        return new FranchiseRef(created.id(), created.slug(), created.name());
    }

    @Override
    public Map<String, List<GameRef>> gamesByName(Handle h, Collection<String> names) {
        Map<String, List<GameRef>> byName = new LinkedHashMap<>();
        h.createQuery("SELECT id, slug, name FROM game WHERE name = ANY(:names) ORDER BY slug")
                .bindArray("names", String.class, names)
                .map(ConstructorMapper.of(GameRef.class))
                .forEach(g -> byName.computeIfAbsent(g.name(), n -> new ArrayList<>()).add(g));
        return byName;
    }

    @Override
    public Map<ExternalKey, GameRef> gamesByExternalId(Handle h, Collection<ExternalKey> keys) {
        Map<ExternalKey, GameRef> byKey = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return byKey;
        }
        // The id may be on the game or on one of its editions.
        h.createQuery("""
                        SELECT x.source, x.external_id, g.id, g.slug, g.name
                        FROM external_id x
                        LEFT JOIN edition e ON e.id = x.edition_id
                        JOIN game g ON g.id = COALESCE(x.game_id, e.game_id)
                        WHERE (x.source, x.external_id) IN (SELECT * FROM unnest(:sources, :ids))""")
                .bindArray("sources", String.class, keys.stream().map(ExternalKey::source).toList())
                .bindArray("ids", String.class, keys.stream().map(ExternalKey::externalId).toList())
                .map((rs, ctx) -> Map.entry(new ExternalKey(rs.getString("source"), rs.getString("external_id")),
                        new GameRef(rs.getObject("id", java.util.UUID.class), rs.getString("slug"), rs.getString("name"))))
                .forEach(e -> byKey.put(e.getKey(), e.getValue()));
        return byKey;
    }

    /**
     * Set-based: franchises and parents are looked up once, free slugs chosen against one query of
     * the taken ones, then games, their original editions and external ids go in one statement
     * each. A slug taken meanwhile by a concurrent create (the insert skips it) sends that game
     * through {@link #createGame}, which picks the next free one.
     */
    @Override
    public List<GameRef> createGames(Handle h, List<NewGame> games, CollectedEvents events) {
        if (games.isEmpty()) {
            return List.of();
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, java.util.UUID> franchiseIds = idsBySlug(h, "franchise",
                games.stream().map(NewGame::franchise).filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, java.util.UUID> parentIds = idsBySlug(h, "game",
                games.stream().map(NewGame::parentGame).filter(java.util.Objects::nonNull).distinct().toList());
        List<String> slugs = freeSlugs(h, "game", games.stream().map(g -> Slugs.slugify(g.name(), "game")).toList());
        int n = games.size();
        String[] names = new String[n];
        java.util.UUID[] franchises = new java.util.UUID[n];
        java.util.UUID[] parents = new java.util.UUID[n];
        String[] relationships = new String[n];
        Long[] igdbIds = new Long[n];
        for (int i = 0; i < n; i++) {
            igdbIds[i] = games.get(i).igdbId();
            NewGame game = games.get(i);
            names[i] = game.name();
            franchises[i] = game.franchise() == null ? null : franchiseIds.get(game.franchise());
            parents[i] = game.parentGame() == null ? null : parentIds.get(game.parentGame());
            relationships[i] = parents[i] == null ? null : game.relationshipType();
        }
        Map<String, java.util.UUID> inserted = new HashMap<>();
        h.createQuery("""
                        INSERT INTO game (name, slug, franchise_id, parent_game_id, relationship_type, igdb_id,
                                          created_at, updated_at)
                        SELECT n, s, f, p, r, x, :now, :now
                        FROM unnest(:names, :slugs, :franchises, :parents, :relationships, :igdb) AS t(n, s, f, p, r, x)
                        ON CONFLICT (slug) DO NOTHING
                        RETURNING id, slug""")
                .bindArray("names", String.class, (Object[]) names)
                .bindArray("slugs", String.class, slugs)
                .bindArray("franchises", java.util.UUID.class, (Object[]) franchises)
                .bindArray("parents", java.util.UUID.class, (Object[]) parents)
                .bindArray("relationships", String.class, (Object[]) relationships)
                .bindArray("igdb", Long.class, (Object[]) igdbIds)
                .bind("now", now)
                .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("id", java.util.UUID.class)))
                .forEach(e -> inserted.put(e.getKey(), e.getValue()));

        List<GameRef> created = new ArrayList<>(n);
        List<GameRef> bulk = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.util.UUID id = inserted.get(slugs.get(i));
            if (id == null) {
                created.add(null); // taken meanwhile: created one at a time below
            } else {
                GameRef ref = new GameRef(id, slugs.get(i), names[i]);
                created.add(ref);
                bulk.add(ref);
            }
        }
        insertOriginalEditions(h, bulk, now);
        List<java.util.UUID> keyGames = new ArrayList<>();
        List<ExternalKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewGame game = games.get(i);
            if (created.get(i) == null) {
                created.set(i, createGame(h, game, events));
                continue;
            }
            for (ExternalKey key : game.externalIds()) {
                keyGames.add(created.get(i).id());
                keys.add(key);
            }
            events.add(questlog.common.EventTypes.GAME_ADDED, new GameEvent(created.get(i).slug(), game.name(),
                    game.franchise(), null, List.of(), null, null, null));
        }
        if (!keys.isEmpty()) {
            h.createUpdate("""
                            INSERT INTO external_id (source, external_id, game_id, created_at, updated_at)
                            SELECT s, x, g, :now, :now FROM unnest(:sources, :ids, :games) AS t(s, x, g)""")
                    .bindArray("sources", String.class, keys.stream().map(ExternalKey::source).toList())
                    .bindArray("ids", String.class, keys.stream().map(ExternalKey::externalId).toList())
                    .bindArray("games", java.util.UUID.class, keyGames)
                    .bind("now", now)
                    .execute();
        }
        return created;
    }

    /** Every game's {@code original} edition, named after it, under the game's slug when free among editions. */
    private static void insertOriginalEditions(Handle h, List<GameRef> games, java.time.Instant now) {
        if (games.isEmpty()) {
            return;
        }
        List<String> slugs = freeSlugs(h, "edition", games.stream().map(GameRef::slug).toList());
        int inserted = h.createUpdate("""
                        INSERT INTO edition (game_id, name, slug, edition_type, created_at, updated_at)
                        SELECT g, n, s, 'original', :now, :now FROM unnest(:games, :names, :slugs) AS t(g, n, s)
                        ON CONFLICT (slug) DO NOTHING""")
                .bindArray("games", java.util.UUID.class, games.stream().map(GameRef::id).toList())
                .bindArray("names", String.class, games.stream().map(GameRef::name).toList())
                .bindArray("slugs", String.class, slugs)
                .bind("now", now)
                .execute();
        if (inserted < games.size()) {
            // A slug taken meanwhile: give the games still without an edition the next free one.
            var editions = h.attach(EditionDao.class);
            List<java.util.UUID> without = h.createQuery("""
                            SELECT g FROM unnest(:games) AS g WHERE NOT EXISTS (SELECT 1 FROM edition e WHERE e.game_id = g)""")
                    .bindArray("games", java.util.UUID.class, games.stream().map(GameRef::id).toList())
                    .mapTo(java.util.UUID.class).list();
            for (GameRef game : games) {
                if (without.contains(game.id())) {
                    SlugAllocator.insert(game.slug(), editions::slugsLike, slug -> editions.insert(game.id(), game.name(),
                            slug, "original", new String[0], null, null, null, null, null, now));
                }
            }
        }
    }

    private static Map<String, java.util.UUID> idsBySlug(Handle h, String table, List<String> slugs) {
        Map<String, java.util.UUID> ids = new HashMap<>();
        if (!slugs.isEmpty()) {
            h.createQuery("SELECT id, slug FROM " + table + " WHERE slug = ANY(:slugs)")
                    .bindArray("slugs", String.class, slugs)
                    .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("id", java.util.UUID.class)))
                    .forEach(e -> ids.put(e.getKey(), e.getValue()));
        }
        return ids;
    }

    /**
     * For each base, in order, the base or the first {@code base-N} that no row of {@code table}
     * (game or edition, a fixed name) has and no earlier base of the list was given.
     */
    private static List<String> freeSlugs(Handle h, String table, List<String> bases) {
        var taken = new java.util.HashSet<>(h.createQuery("SELECT slug FROM " + table
                        + " WHERE slug = ANY(:bases) OR substring(slug from '^(.*)-[0-9]+$') = ANY(:bases)")
                .bindArray("bases", String.class, bases)
                .mapTo(String.class)
                .list());
        List<String> free = new ArrayList<>(bases.size());
        for (String base : bases) {
            String candidate = base;
            for (int n = 2; taken.contains(candidate); n++) {
                candidate = Slugs.withSuffix(base, n);
            }
            taken.add(candidate);
            free.add(candidate);
        }
        return free;
    }

    @Override
    public CopyReport copy(Handle h, List<CopiedFranchise> franchises, List<CopiedGenre> genres, List<CopiedGame> games,
                           List<CopiedEdition> editions, CollectedEvents events) {
        return CatalogCopy.copy(h, franchises, genres, games, editions, events,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public GameRef createGame(Handle h, NewGame game, CollectedEvents events) {
        var request = new CreateGameRequest(game.name(), null, null, game.franchise(), List.of(), null, null, null,
                null, List.of(), game.igdbId(), game.parentGame(), game.relationshipType(),
                game.externalIds().stream().map(k -> new ExternalIdInput(k.source(), k.externalId())).toList(),
                List.of());
        Game created = games.createIn(h, request, events);
        return new GameRef(created.id(), created.slug(), created.name());
    }
}
