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
import questlog.common.PendingEvents;
import questlog.common.Slugs;

/**
 * The library's answer to {@link CatalogWrites}: set-based lookups by name and external id, and
 * creates, on the caller's handle. Creating a game goes through {@link GameService}, so an
 * imported game is made exactly as one posted to {@code /api/games}.
 */
public final class CatalogWriter implements CatalogWrites {
    private final GameService games;
    private final Clock clock;

    public CatalogWriter(GameService games, Clock clock) {
        this.games = games;
        this.clock = clock;
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

    @Override
    public GameRef createGame(Handle h, NewGame game, PendingEvents events) {
        var request = new CreateGameRequest(game.name(), null, null, game.franchise(), List.of(), null, null, null,
                null, List.of(), null, game.parentGame(), game.relationshipType(),
                game.externalIds().stream().map(k -> new ExternalIdInput(k.source(), k.externalId())).toList(),
                List.of());
        Game created = games.createIn(h, request, events);
        return new GameRef(created.id(), created.slug(), created.name());
    }
}
