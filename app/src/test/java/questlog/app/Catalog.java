package questlog.app;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Catalog rows written straight into a test's database, for tests of the modules that refer to
 * games (journal, lists) without going through the library's routes.
 */
final class Catalog {
    private final Jdbi jdbi;

    Catalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    UUID genre(String slug, String name) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO genre (slug, name) VALUES (:slug, :name) RETURNING id")
                .bind("slug", slug).bind("name", name).mapTo(UUID.class).one());
    }

    UUID franchise(String slug, String name) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO franchise (slug, name) VALUES (:slug, :name) RETURNING id")
                .bind("slug", slug).bind("name", name).mapTo(UUID.class).one());
    }

    /** A game, in a franchise (slug or null) and genres (slugs), with its original edition (same slug). */
    UUID game(String slug, String name, String franchise, String... genres) {
        return jdbi.inTransaction(h -> {
            UUID id = h.createQuery("""
                            INSERT INTO game (slug, name, franchise_id)
                            VALUES (:slug, :name, (SELECT id FROM franchise WHERE slug = :franchise))
                            RETURNING id""")
                    .bind("slug", slug).bind("name", name).bind("franchise", franchise).mapTo(UUID.class).one();
            for (String genre : List.of(genres)) {
                h.createUpdate("INSERT INTO game_genre (game_id, genre_id) SELECT :id, id FROM genre WHERE slug = :genre")
                        .bind("id", id).bind("genre", genre).execute();
            }
            h.createUpdate("INSERT INTO edition (game_id, slug, name, edition_type) VALUES (:id, :slug, :name, 'original')")
                    .bind("id", id).bind("slug", slug).bind("name", name).execute();
            return id;
        });
    }

    UUID edition(String slug, String game, String name) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO edition (game_id, slug, name, edition_type)
                        VALUES ((SELECT id FROM game WHERE slug = :game), :slug, :name, 'remaster') RETURNING id""")
                .bind("slug", slug).bind("game", game).bind("name", name).mapTo(UUID.class).one());
    }

    void deleteGame(String slug) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM game WHERE slug = :slug").bind("slug", slug).execute());
    }
}
