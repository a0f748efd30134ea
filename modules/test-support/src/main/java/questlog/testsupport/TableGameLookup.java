package questlog.testsupport;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import questlog.common.GameLookup;

/**
 * A {@link GameLookup} straight on the game and edition tables, for the tests of modules that
 * refer to games without depending on the library (which answers the same questions in the app).
 */
public final class TableGameLookup implements GameLookup {

    @Override
    public Optional<GameRef> game(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name FROM game WHERE slug = :slug").bind("slug", slug)
                .map(ConstructorMapper.of(GameRef.class)).findOne();
    }

    @Override
    public Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs) {
        Map<String, GameRef> out = new LinkedHashMap<>();
        handle.createQuery("SELECT id, slug, name FROM game WHERE slug = ANY(:slugs)").bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(GameRef.class)).forEach(g -> out.put(g.slug(), g));
        return out;
    }

    @Override
    public Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids) {
        Map<UUID, GameRef> out = new LinkedHashMap<>();
        handle.createQuery("SELECT id, slug, name FROM game WHERE id = ANY(:ids)").bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(GameRef.class)).forEach(g -> out.put(g.id(), g));
        return out;
    }

    @Override
    public Optional<EditionRef> edition(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = :slug").bind("slug", slug)
                .map(ConstructorMapper.of(EditionRef.class)).findOne();
    }

    @Override
    public Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs) {
        Map<String, EditionRef> out = new LinkedHashMap<>();
        handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map(ConstructorMapper.of(EditionRef.class)).forEach(e -> out.put(e.slug(), e));
        return out;
    }

    @Override
    public Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids) {
        Map<UUID, EditionRef> out = new LinkedHashMap<>();
        handle.createQuery("SELECT id, slug, name, game_id FROM edition WHERE id = ANY(:ids)").bindArray("ids", UUID.class, ids)
                .map(ConstructorMapper.of(EditionRef.class)).forEach(e -> out.put(e.id(), e));
        return out;
    }
}
