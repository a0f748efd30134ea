package questlog.app;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.library.GameDirectory;

/**
 * The library's {@link GameDirectory} in the shape each feature module asks for: the journal's
 * and the lists' own {@code GameCatalog} interfaces. Nothing but translation between their
 * records.
 */
final class CatalogAdapters {
    private CatalogAdapters() {}

    static questlog.journal.GameCatalog forJournal(GameDirectory directory) {
        return new questlog.journal.GameCatalog() {
            @Override
            public Optional<GameRef> game(Handle handle, String slug) {
                return directory.game(handle, slug).map(g -> new GameRef(g.id(), g.slug(), g.name()));
            }

            @Override
            public Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids) {
                Map<UUID, GameRef> out = new LinkedHashMap<>();
                directory.gamesById(handle, ids).forEach((id, g) -> out.put(id, new GameRef(g.id(), g.slug(), g.name())));
                return out;
            }

            @Override
            public Optional<EditionRef> edition(Handle handle, String slug) {
                return directory.edition(handle, slug).map(e -> new EditionRef(e.id(), e.slug(), e.name(), e.gameId()));
            }

            @Override
            public Map<UUID, EditionRef> editions(Handle handle, Collection<UUID> ids) {
                Map<UUID, EditionRef> out = new LinkedHashMap<>();
                directory.editionsById(handle, ids).forEach((id, e) ->
                        out.put(id, new EditionRef(e.id(), e.slug(), e.name(), e.gameId())));
                return out;
            }
        };
    }

    static questlog.lists.GameCatalog forLists(GameDirectory directory) {
        return new questlog.lists.GameCatalog() {
            @Override
            public Optional<GameRef> game(Handle handle, String slug) {
                return directory.game(handle, slug).map(g -> new GameRef(g.id(), g.slug(), g.name()));
            }

            @Override
            public Map<String, GameRef> gamesBySlug(Handle handle, Collection<String> slugs) {
                Map<String, GameRef> out = new LinkedHashMap<>();
                directory.gamesBySlug(handle, slugs).forEach((slug, g) -> out.put(slug, new GameRef(g.id(), g.slug(), g.name())));
                return out;
            }

            @Override
            public Map<UUID, GameRef> games(Handle handle, Collection<UUID> ids) {
                Map<UUID, GameRef> out = new LinkedHashMap<>();
                directory.gamesById(handle, ids).forEach((id, g) -> out.put(id, new GameRef(g.id(), g.slug(), g.name())));
                return out;
            }
        };
    }
}
