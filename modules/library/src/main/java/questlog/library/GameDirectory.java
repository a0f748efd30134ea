package questlog.library;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Read-only lookups of games and editions for the other modules, which app hands them as their
 * own small catalog interfaces. Every method runs on the caller's {@link Handle}, so a lookup
 * sees the caller's transaction and never needs a second pooled connection. Unknown slugs and
 * ids are simply absent from the answers.
 */
public final class GameDirectory {

    /** A game: what another module shows of it. */
    public record Game(UUID id, String slug, String name) {}

    /** An edition and the game it belongs to. */
    public record Edition(UUID id, String slug, String name, UUID gameId) {}

    public Optional<Game> game(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name FROM game WHERE slug = :slug")
                .bind("slug", slug)
                .map(ConstructorMapper.of(Game.class))
                .findOne();
    }

    public Map<String, Game> gamesBySlug(Handle handle, Collection<String> slugs) {
        List<Game> games = handle.createQuery("SELECT id, slug, name FROM game WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(Game.class))
                .list();
        Map<String, Game> bySlug = new LinkedHashMap<>();
        games.forEach(g -> bySlug.put(g.slug(), g));
        return bySlug;
    }

    public Map<UUID, Game> gamesById(Handle handle, Collection<UUID> ids) {
        List<Game> games = handle.createQuery("SELECT id, slug, name FROM game WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(Game.class))
                .list();
        Map<UUID, Game> byId = new LinkedHashMap<>();
        games.forEach(g -> byId.put(g.id(), g));
        return byId;
    }

    public Optional<Edition> edition(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = :slug")
                .bind("slug", slug)
                .map(ConstructorMapper.of(Edition.class))
                .findOne();
    }

    public Map<String, Edition> editionsBySlug(Handle handle, Collection<String> slugs) {
        List<Edition> editions = handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(Edition.class))
                .list();
        Map<String, Edition> bySlug = new LinkedHashMap<>();
        editions.forEach(e -> bySlug.put(e.slug(), e));
        return bySlug;
    }

    public Map<UUID, Edition> editionsById(Handle handle, Collection<UUID> ids) {
        List<Edition> editions = handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(Edition.class))
                .list();
        Map<UUID, Edition> byId = new LinkedHashMap<>();
        editions.forEach(e -> byId.put(e.id(), e));
        return byId;
    }
}
