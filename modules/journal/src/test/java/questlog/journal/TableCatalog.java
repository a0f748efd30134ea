package questlog.journal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** A {@link GameCatalog} for tests, reading the catalog tables directly (app uses the library's). */
final class TableCatalog implements GameCatalog {

    @Override
    public Optional<GameRef> game(Handle h, String slug) {
        return h.createQuery("SELECT id, slug, name FROM game WHERE slug = :slug").bind("slug", slug)
                .map((rs, ctx) -> new GameRef(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name")))
                .findOne();
    }

    @Override
    public Map<String, GameRef> gamesBySlug(Handle h, Collection<String> slugs) {
        Map<String, GameRef> out = new HashMap<>();
        slugs.forEach(s -> game(h, s).ifPresent(g -> out.put(s, g)));
        return out;
    }

    @Override
    public Map<UUID, GameRef> games(Handle h, Collection<UUID> ids) {
        Map<UUID, GameRef> out = new HashMap<>();
        h.createQuery("SELECT id, slug, name FROM game WHERE id = ANY(:ids)").bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> new GameRef(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name")))
                .forEach(g -> out.put(g.id(), g));
        return out;
    }

    @Override
    public Optional<EditionRef> edition(Handle h, String slug) {
        return h.createQuery("SELECT id, slug, name, game_id FROM edition WHERE slug = :slug").bind("slug", slug)
                .map((rs, ctx) -> new EditionRef(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                        rs.getObject("game_id", UUID.class)))
                .findOne();
    }

    @Override
    public Map<String, EditionRef> editionsBySlug(Handle h, Collection<String> slugs) {
        Map<String, EditionRef> out = new HashMap<>();
        slugs.forEach(s -> edition(h, s).ifPresent(e -> out.put(s, e)));
        return out;
    }

    @Override
    public Map<UUID, EditionRef> editions(Handle h, Collection<UUID> ids) {
        Map<UUID, EditionRef> out = new HashMap<>();
        h.createQuery("SELECT id, slug, name, game_id FROM edition WHERE id = ANY(:ids)").bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> new EditionRef(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                        rs.getObject("game_id", UUID.class)))
                .forEach(e -> out.put(e.id(), e));
        return out;
    }
}
