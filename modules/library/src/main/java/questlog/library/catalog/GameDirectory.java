package questlog.library.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;

/**
 * The library's answer to {@link GameLookup}: read-only lookups of games and editions for the
 * other modules, on the caller's {@link Handle}. Plain JDBC ({@link JdbcReads}): these run in
 * every game detail and list detail, where JDBI's per-statement work cost more than the query.
 */
public final class GameDirectory implements GameLookup {
    private static final JdbcReads.Row<GameRef> GAME =
            rs -> new GameRef(JdbcReads.uuid(rs, 1), rs.getString(2), rs.getString(3));
    private static final JdbcReads.Row<EditionRef> EDITION =
            rs -> new EditionRef(JdbcReads.uuid(rs, 1), rs.getString(2), rs.getString(3), JdbcReads.uuid(rs, 4));

    @Override
    public Optional<GameRef> game(Handle handle, String slug) {
        return JdbcReads.list(handle, "SELECT id, slug, name FROM game WHERE slug = ?", GAME, slug).stream().findFirst();
    }

    @Override
    public Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs) {
        List<GameRef> games = JdbcReads.list(handle, "SELECT id, slug, name FROM game WHERE slug = ANY(?)", GAME,
                JdbcReads.array(handle, "text", slugs));
        Map<String, GameRef> bySlug = new LinkedHashMap<>();
        games.forEach(g -> bySlug.put(g.slug(), g));
        return bySlug;
    }

    @Override
    public Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids) {
        List<GameRef> games = JdbcReads.list(handle, "SELECT id, slug, name FROM game WHERE id = ANY(?)", GAME,
                JdbcReads.array(handle, "uuid", ids));
        Map<UUID, GameRef> byId = new LinkedHashMap<>();
        games.forEach(g -> byId.put(g.id(), g));
        return byId;
    }

    @Override
    public Optional<EditionRef> edition(Handle handle, String slug) {
        return JdbcReads.list(handle, "SELECT id, slug, name, game_id FROM edition WHERE slug = ?", EDITION, slug)
                .stream().findFirst();
    }

    @Override
    public Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs) {
        List<EditionRef> editions = JdbcReads.list(handle,
                "SELECT id, slug, name, game_id FROM edition WHERE slug = ANY(?)", EDITION,
                JdbcReads.array(handle, "text", slugs));
        Map<String, EditionRef> bySlug = new LinkedHashMap<>();
        editions.forEach(e -> bySlug.put(e.slug(), e));
        return bySlug;
    }

    @Override
    public Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids) {
        List<EditionRef> editions = JdbcReads.list(handle,
                "SELECT id, slug, name, game_id FROM edition WHERE id = ANY(?)", EDITION,
                JdbcReads.array(handle, "uuid", ids));
        Map<UUID, EditionRef> byId = new LinkedHashMap<>();
        editions.forEach(e -> byId.put(e.id(), e));
        return byId;
    }
}
