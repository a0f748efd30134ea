package questlog.library.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import questlog.common.GameLookup;

/**
 * The library's answer to {@link GameLookup}: read-only lookups of games and editions for the
 * other modules, on the caller's {@link Handle}.
 */
public final class GameDirectory implements GameLookup {

    @Override
    public Optional<GameRef> game(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name FROM game WHERE slug = :slug")
                .bind("slug", slug)
                .map(ConstructorMapper.of(GameRef.class))
                .findOne();
    }

    @Override
    public Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs) {
        List<GameRef> games = handle.createQuery("SELECT id, slug, name FROM game WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(GameRef.class))
                .list();
        Map<String, GameRef> bySlug = new LinkedHashMap<>();
        games.forEach(g -> bySlug.put(g.slug(), g));
        return bySlug;
    }

    @Override
    public Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids) {
        List<GameRef> games = handle.createQuery("SELECT id, slug, name FROM game WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(GameRef.class))
                .list();
        Map<UUID, GameRef> byId = new LinkedHashMap<>();
        games.forEach(g -> byId.put(g.id(), g));
        return byId;
    }

    @Override
    public Optional<EditionRef> edition(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = :slug")
                .bind("slug", slug)
                .map(ConstructorMapper.of(EditionRef.class))
                .findOne();
    }

    @Override
    public Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs) {
        List<EditionRef> editions = handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(EditionRef.class))
                .list();
        Map<String, EditionRef> bySlug = new LinkedHashMap<>();
        editions.forEach(e -> bySlug.put(e.slug(), e));
        return bySlug;
    }

    @Override
    public Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids) {
        List<EditionRef> editions = handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(EditionRef.class))
                .list();
        Map<UUID, EditionRef> byId = new LinkedHashMap<>();
        editions.forEach(e -> byId.put(e.id(), e));
        return byId;
    }
}
