package questlog.app;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import io.javalin.http.Context;
import java.util.List;
import questlog.journal.JournalModule;
import questlog.library.GameDirectory;
import questlog.library.GameSections;
import questlog.lists.ListsModule;

/**
 * What the modules ask of each other, answered by the others: the library's
 * {@link GameDirectory} as the journal's and the lists' own {@code GameCatalog} interfaces, and
 * the journal's and lists' parts of a game's detail as the library's {@link GameSections}.
 * Nothing but translation between their types.
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

            @Override
            public Optional<EditionRef> edition(Handle handle, String slug) {
                return directory.edition(handle, slug).map(e -> new EditionRef(e.id(), e.slug(), e.name(), e.gameId()));
            }

            @Override
            public Map<String, EditionRef> editionsBySlug(Handle handle, Collection<String> slugs) {
                Map<String, EditionRef> out = new LinkedHashMap<>();
                directory.editionsBySlug(handle, slugs).forEach((slug, e) ->
                        out.put(slug, new EditionRef(e.id(), e.slug(), e.name(), e.gameId())));
                return out;
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

    /** A game's playthroughs and lists for its detail; private lists for requests with a reading token. */
    static GameSections gameSections(JournalModule journal, ListsModule lists) {
        return new GameSections() {
            @Override
            public List<?> playthroughs(Handle handle, UUID gameId) {
                return journal.playthroughsOfGame(handle, gameId);
            }

            @Override
            public List<?> lists(Handle handle, UUID gameId, boolean withPrivate) {
                return lists.listsOfGame(handle, gameId, withPrivate);
            }

            @Override
            public boolean seesPrivate(Context ctx) {
                return Auth.isReader(ctx);
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
