package questlog.app;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import questlog.testsupport.FakeIgdbCatalog;

/**
 * What the enrichment tests and benchmark share: a library seeded from a fake IGDB catalog (each
 * game by name, with its Steam appid, without IGDB metadata), and the catalog's state written
 * as text that two databases can be compared by (no ids or timestamps, which differ per run).
 */
final class EnrichmentFixture {
    private EnrichmentFixture() {}

    /** Inserts one library game (with its original edition and Steam appid) per catalog game. */
    static int seed(Jdbi jdbi, FakeIgdbCatalog catalog) {
        var steam = catalog.externalGames().stream()
                .filter(e -> e.externalGameSource() == FakeIgdbCatalog.STEAM).toList();
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("""
                    WITH g AS (
                        INSERT INTO game (name, slug) VALUES (:name, :slug) RETURNING id, slug),
                    e AS (
                        INSERT INTO edition (game_id, name, slug, edition_type)
                        SELECT id, :name, slug, 'original' FROM g RETURNING game_id)
                    INSERT INTO external_id (source, external_id, game_id) SELECT 'steam', :appid, game_id FROM e""");
            int i = 0;
            for (var row : steam) {
                String name = catalog.game(row.game()).orElseThrow().name();
                batch.bind("name", name).bind("slug", "seeded-" + (i++)).bind("appid", row.uid()).add();
            }
            batch.execute();
        });
        return steam.size();
    }

    /** The catalog as sorted lines: games with their IGDB fields, editions, genre links, genres, franchises. */
    static List<String> state(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT 'game ' || g.slug || ' ' || coalesce(g.igdb_id::text, '-') || ' '
                               || coalesce(g.original_release_year::text, '-') || ' ' || coalesce(g.cover_url, '-') || ' '
                               || g.platforms::text || ' ' || coalesce(f.slug, '-') || ' ' || coalesce(pg.slug, '-') || ' '
                               || md5(coalesce(g.summary, '')) || ' ' || md5(coalesce(g.igdb_data::text, '')) || ' '
                               || (g.last_synced_at IS NOT NULL)
                        FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id LEFT JOIN genre pg ON pg.id = g.primary_genre_id
                        UNION ALL
                        SELECT 'edition ' || e.slug || ' ' || coalesce(e.igdb_id::text, '-') || ' '
                               || coalesce(e.release_date::text, '-') || ' ' || coalesce(e.cover_url, '-') || ' ' || e.platforms::text
                        FROM edition e
                        UNION ALL
                        SELECT 'link ' || g.slug || ' ' || ge.slug FROM game_genre gg
                        JOIN game g ON g.id = gg.game_id JOIN genre ge ON ge.id = gg.genre_id
                        UNION ALL
                        SELECT 'genre ' || slug || ' ' || name || ' ' || coalesce(igdb_id::text, '-') FROM genre
                        UNION ALL
                        SELECT 'franchise ' || slug || ' ' || name FROM franchise
                        ORDER BY 1""")
                .mapTo(String.class).list());
    }
}
