package questlog.library.igdb;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.GameLookup;
import questlog.common.StoreGames;
import questlog.common.Slugs;
import questlog.library.catalog.CreateGameRequest;
import questlog.library.catalog.EditionDao;
import questlog.library.catalog.SlugAllocator;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameDao;
import questlog.library.catalog.GameEvent;
import questlog.library.catalog.GameService;

/**
 * {@link StoreGames} for the library. The IGDB lookups of a batch of up to 2,000 are two batched
 * requests (Steam appids to IGDB ids through external_games, then those games with their expansions),
 * made only for store ids no game holds yet, so a re-run asks IGDB nothing and a resumed batch
 * asks the same queries again (answered by the response cache). The writes then settle each
 * store game in the documented order (store id, IGDB id, exact name, else a new game), also
 * within the batch: two apps of one name or one IGDB game make one library game. Writers of store
 * games take one transaction-scoped advisory lock, so two syncs never create the same game twice.
 */
public final class StoreGameLinker implements StoreGames {
    /** Steam is the one store IGDB maps by id here ({@code external_game_source = 1}). */
    private static final String STEAM = "steam";
    private static final long WRITER_LOCK = 0x51_5354_4f52_45L; // "QSTORE"

    private final Jdbi jdbi;
    private final Optional<IgdbClient> igdb;
    private final IgdbMetadata metadata;
    private final GameService games;
    private final EventLog events;
    private final Clock clock;

    public StoreGameLinker(Jdbi jdbi, Optional<IgdbClient> igdb, IgdbMetadata metadata, GameService games,
                           EventLog events, Clock clock) {
        this.jdbi = jdbi;
        this.igdb = igdb;
        this.metadata = metadata;
        this.games = games;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Batch prepare(String source, List<StoreGame> batch) {
        Map<String, IgdbGame> matches = new HashMap<>();
        if (igdb.isPresent() && STEAM.equals(source) && !batch.isEmpty()) {
            Set<String> known = new HashSet<>(jdbi.withHandle(h -> h.createQuery(
                            "SELECT external_id FROM external_id WHERE source = :source AND external_id = ANY(:ids)")
                    .bind("source", source)
                    .bindArray("ids", String.class, batch.stream().map(StoreGame::storeId).toList())
                    .mapTo(String.class).list()));
            List<StoreGame> unknown = batch.stream().filter(g -> !known.contains(g.storeId())).toList();
            if (!unknown.isEmpty()) {
                IgdbClient client = igdb.get();
                Map<String, List<Long>> idsByAppid = client.gameIdsBySteamAppId(
                        unknown.stream().map(StoreGame::storeId).toList());
                Set<Long> candidateIds = new HashSet<>();
                idsByAppid.values().forEach(candidateIds::addAll);
                Map<Long, IgdbGame> byId = new HashMap<>();
                if (!candidateIds.isEmpty()) {
                    client.games(candidateIds, false).forEach(g -> byId.put(g.id(), g));
                }
                for (StoreGame game : unknown) {
                    List<IgdbGame> candidates = idsByAppid.getOrDefault(game.storeId(), List.of()).stream()
                            .map(byId::get).filter(g -> g != null).toList();
                    if (IgdbMatcher.byAppid(game.name(), null, candidates) instanceof IgdbMatcher.Found found) {
                        matches.put(game.storeId(), found.game());
                    }
                }
            }
        }
        return (tx, games) -> write(tx, source, List.copyOf(games), matches);
    }

    private Written write(Handle h, String source, List<StoreGame> batch, Map<String, IgdbGame> matches) {
        h.execute("SELECT pg_advisory_xact_lock(?)", WRITER_LOCK);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, UUID> settled = new LinkedHashMap<>();
        Map<String, How> how = new HashMap<>();

        // 1. A game (or one of its editions) already holds the store id.
        h.createQuery("""
                        SELECT x.external_id, COALESCE(x.game_id, e.game_id) AS game_id
                        FROM external_id x LEFT JOIN edition e ON e.id = x.edition_id
                        WHERE x.source = :source AND x.external_id = ANY(:ids)""")
                .bind("source", source)
                .bindArray("ids", String.class, batch.stream().map(StoreGame::storeId).toList())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                .forEach(e -> {
                    settled.put(e.getKey(), e.getValue());
                    how.put(e.getKey(), How.EXTERNAL_ID);
                });

        // 2. A game holds the IGDB id the store id maps to. 3. A game has exactly the name.
        Map<Long, UUID> byIgdbId = new HashMap<>();
        List<Long> igdbIds = batch.stream().filter(g -> !settled.containsKey(g.storeId()) && matches.containsKey(g.storeId()))
                .map(g -> matches.get(g.storeId()).id()).distinct().toList();
        if (!igdbIds.isEmpty()) {
            h.createQuery("SELECT igdb_id, id FROM game WHERE igdb_id = ANY(:ids)")
                    .bindArray("ids", Long.class, igdbIds)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, UUID.class)))
                    .forEach(e -> byIgdbId.put(e.getKey(), e.getValue()));
        }
        Set<String> names = new HashSet<>();
        for (StoreGame g : batch) {
            if (!settled.containsKey(g.storeId())) {
                names.add(name(g, matches.get(g.storeId())));
                names.add(storeName(g));
            }
        }
        Map<String, UUID> byName = new HashMap<>();
        if (!names.isEmpty()) {
            // The oldest game of a name, when several share it: the same one on every run.
            h.createQuery("SELECT DISTINCT ON (name) name, id FROM game WHERE name = ANY(:names) ORDER BY name, created_at, id")
                    .bindArray("names", String.class, List.copyOf(names))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                    .forEach(e -> byName.put(e.getKey(), e.getValue()));
        }

        // 4. A new game, as POST /api/games makes it (with its original edition), with IGDB's
        // metadata when IGDB knows the store id; new games are inserted together below.
        Map<UUID, IgdbGame> fill = new LinkedHashMap<>();
        List<NewGame> created = new ArrayList<>();
        for (StoreGame g : batch) {
            if (settled.containsKey(g.storeId())) {
                continue;
            }
            IgdbGame match = matches.get(g.storeId());
            UUID game = match == null ? null : byIgdbId.get(match.id());
            How found = How.IGDB_ID;
            if (game == null) {
                game = byName.get(name(g, match));
                found = How.NAME;
            }
            if (game == null) {
                game = byName.get(storeName(g));
            }
            if (game == null) {
                game = UUID.randomUUID();
                found = How.CREATED;
                created.add(new NewGame(game, name(g, match), match == null ? null : match.id()));
                if (match != null) {
                    fill.put(game, match);
                    byIgdbId.put(match.id(), game);
                }
                byName.put(name(g, match), game);
            }
            settled.put(g.storeId(), game);
            how.put(g.storeId(), found);
        }
        Map<UUID, UUID> replaced = insertGames(h, created, now);
        if (!replaced.isEmpty()) {
            settled.replaceAll((storeId, id) -> replaced.getOrDefault(id, id));
            Map<UUID, IgdbGame> moved = new LinkedHashMap<>();
            fill.forEach((id, match) -> moved.put(replaced.getOrDefault(id, id), match));
            fill = moved;
        }
        metadata.applyAll(h, fill, IgdbMetadata.Mode.FILL, now);

        // Every store id not held yet goes to its game.
        PreparedBatch links = h.prepareBatch("""
                INSERT INTO external_id (source, external_id, game_id, created_at, updated_at)
                VALUES (:source, :id, :game, :now, :now)""");
        List<UUID> linked = new ArrayList<>();
        for (StoreGame g : batch) {
            if (how.get(g.storeId()) != How.EXTERNAL_ID) {
                links.bind("source", source).bind("id", g.storeId()).bind("game", settled.get(g.storeId()))
                        .bind("now", now).add();
                if (how.get(g.storeId()) != How.CREATED) {
                    linked.add(settled.get(g.storeId()));
                }
            }
        }
        if (links.size() > 0) {
            links.execute();
        }

        Map<UUID, Game> rows = new HashMap<>();
        if (!settled.isEmpty()) {
            h.attach(GameDao.class).findByIds(new HashSet<>(settled.values()).toArray(UUID[]::new))
                    .forEach(game -> rows.put(game.id(), game));
        }
        Map<String, Found> result = new LinkedHashMap<>();
        for (StoreGame g : batch) {
            Game game = rows.get(settled.get(g.storeId()));
            result.put(g.storeId(), new Found(g.storeId(), new GameLookup.GameRef(game.id(), game.slug(), game.name()),
                    how.get(g.storeId())));
        }
        List<GameEvent> added = created.stream().map(n -> rows.get(replaced.getOrDefault(n.id(), n.id())))
                .map(game -> GameEvent.updated(game, null, game.slug())).toList();
        Set<UUID> createdIds = new HashSet<>();
        created.forEach(n -> createdIds.add(replaced.getOrDefault(n.id(), n.id())));
        List<GameEvent> updated = linked.stream().distinct().filter(id -> !createdIds.contains(id)).map(rows::get)
                .sorted(Comparator.comparing(Game::slug))
                .map(game -> GameEvent.updated(game, List.of("external_ids"), game.slug())).toList();
        return new Written(result, tx -> {
            events.appendAll(tx, EventTypes.GAME_ADDED, added);
            events.appendAll(tx, EventTypes.GAME_UPDATED, updated);
        });
    }

    private record NewGame(UUID id, String name, Long igdbId) {}

    /**
     * Inserts the new games and their original editions in two statements, under the first free
     * slugs (as {@link questlog.library.catalog.SlugAllocator} would pick them, the batch's own
     * included). A game whose slug another writer took meanwhile is made one by one instead, as
     * POST /api/games makes it; its new id is returned, keyed by the planned one.
     */
    private Map<UUID, UUID> insertGames(Handle h, List<NewGame> games, Instant now) {
        if (games.isEmpty()) {
            return Map.of();
        }
        List<String> bases = games.stream().map(g -> Slugs.slugify(g.name(), "game")).toList();
        Set<String> gameSlugs = taken(h, "game", bases);
        Set<String> editionSlugs = taken(h, "edition", bases);
        PreparedBatch gameRows = h.prepareBatch("""
                INSERT INTO game (id, name, slug, igdb_id, created_at, updated_at)
                VALUES (:id, :name, :slug, :igdb, :now, :now) ON CONFLICT (slug) DO NOTHING""");
        List<String> editionSlugOf = new ArrayList<>();
        for (int i = 0; i < games.size(); i++) {
            NewGame g = games.get(i);
            String slug = free(bases.get(i), gameSlugs);
            editionSlugOf.add(free(slug, editionSlugs));
            gameRows.bind("id", g.id()).bind("name", g.name()).bind("slug", slug).bind("igdb", g.igdbId())
                    .bind("now", now).add();
        }
        int[] inserted = gameRows.execute();
        Map<UUID, UUID> replaced = new HashMap<>();
        PreparedBatch editionRows = h.prepareBatch("""
                INSERT INTO edition (game_id, name, slug, edition_type, created_at, updated_at)
                VALUES (:game, :name, :slug, 'original', :now, :now) ON CONFLICT (slug) DO NOTHING""");
        List<NewGame> withEdition = new ArrayList<>();
        for (int i = 0; i < games.size(); i++) {
            NewGame g = games.get(i);
            if (inserted[i] == 0) {
                replaced.put(g.id(), this.games.insertWithoutEvent(h, new CreateGameRequest(g.name(), null, null, null,
                        List.of(), null, null, null, null, List.of(), g.igdbId(), null, null, List.of(), List.of()), now));
                continue;
            }
            withEdition.add(g);
            editionRows.bind("game", g.id()).bind("name", g.name()).bind("slug", editionSlugOf.get(i))
                    .bind("now", now).add();
        }
        if (!withEdition.isEmpty()) {
            int[] editions = editionRows.execute();
            var dao = h.attach(EditionDao.class);
            for (int i = 0; i < withEdition.size(); i++) {
                if (editions[i] == 0) {
                    NewGame g = withEdition.get(i);
                    SlugAllocator.insert(Slugs.slugify(g.name(), "edition"), dao::slugsLike, slug -> dao.insert(g.id(),
                            g.name(), slug, "original", new String[0], null, null, null, null, null, now));
                }
            }
        }
        return replaced;
    }

    /** Slugs of {@code table} that are one of {@code bases} or one of them with a suffix. */
    private static Set<String> taken(Handle h, String table, List<String> bases) {
        List<String> distinct = bases.stream().distinct().toList();
        return new HashSet<>(h.createQuery("SELECT slug FROM " + table
                        + " WHERE slug = ANY(:bases) OR slug LIKE ANY(:patterns)")
                .bindArray("bases", String.class, distinct)
                .bindArray("patterns", String.class, distinct.stream().map(b -> b + "-%").toList())
                .mapTo(String.class).list());
    }

    /** The first of {@code base}, {@code base-2}, {@code base-3}... not in {@code taken}, which it joins. */
    private static String free(String base, Set<String> taken) {
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = Slugs.withSuffix(base, n);
        }
        taken.add(candidate);
        return candidate;
    }

    /** IGDB's name when IGDB knows the game (the catalog's canonical one), else the store's. */
    private static String name(StoreGame g, IgdbGame match) {
        return match != null && match.name() != null && !match.name().isBlank() ? match.name().strip() : storeName(g);
    }

    /** The store's name; a store game without one is named after its id. */
    private static String storeName(StoreGame g) {
        return g.name() == null || g.name().isBlank() ? "Steam app " + g.storeId() : g.name().strip();
    }
}
