package questlog.library.catalog;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import questlog.common.CatalogWrites.CopiedEdition;
import questlog.common.CatalogWrites.CopiedFranchise;
import questlog.common.CatalogWrites.CopiedGame;
import questlog.common.CatalogWrites.CopiedGenre;
import questlog.common.CatalogWrites.CopyReport;
import questlog.common.CopyCounts;
import questlog.common.EventTypes;
import questlog.common.InvalidInputException;
import questlog.common.CollectedEvents;

/**
 * Copies catalog records of another Questlog into this one keeping their ids, one statement per
 * kind: {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE} the row differs, so an identical
 * row is not touched (no write, no event) and a copy made twice changes nothing. Only the fields
 * the original's read API shows are written; the others (IGDB data, genres of a game, ...) stay.
 */
final class CatalogCopy {

    private CatalogCopy() {}

    static CopyReport copy(Handle h, List<CopiedFranchise> franchises, List<CopiedGenre> genres, List<CopiedGame> games,
                           List<CopiedEdition> editions, CollectedEvents events, Instant now) {
        CopyCounts f = counts(franchises.size(), run(h, "franchises", h.createQuery("""
                        INSERT INTO franchise AS t (id, name, slug, created_at, updated_at)
                        SELECT i, n, s, :now, :now FROM unnest(:ids, :names, :slugs) AS x(i, n, s)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, updated_at = :now
                        WHERE (t.name, t.slug) IS DISTINCT FROM (excluded.name, excluded.slug)
                        RETURNING t.id, (xmax = 0) AS inserted""")
                .bindArray("ids", UUID.class, franchises.stream().map(CopiedFranchise::id).toList())
                .bindArray("names", String.class, franchises.stream().map(CopiedFranchise::name).toList())
                .bindArray("slugs", String.class, franchises.stream().map(CopiedFranchise::slug).toList())
                .bind("now", now)));
        CopyCounts g = counts(genres.size(), run(h, "genres", h.createQuery("""
                        INSERT INTO genre AS t (id, name, slug, igdb_id, parent_id, created_at, updated_at)
                        SELECT i, n, s, x, p, :now, :now FROM unnest(:ids, :names, :slugs, :igdb, :parents) AS x(i, n, s, x, p)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug,
                            igdb_id = excluded.igdb_id, parent_id = excluded.parent_id, updated_at = :now
                        WHERE (t.name, t.slug, t.igdb_id, t.parent_id)
                              IS DISTINCT FROM (excluded.name, excluded.slug, excluded.igdb_id, excluded.parent_id)
                        RETURNING t.id, (xmax = 0) AS inserted""")
                .bindArray("ids", UUID.class, genres.stream().map(CopiedGenre::id).toList())
                .bindArray("names", String.class, genres.stream().map(CopiedGenre::name).toList())
                .bindArray("slugs", String.class, genres.stream().map(CopiedGenre::slug).toList())
                .bindArray("igdb", Long.class, genres.stream().map(CopiedGenre::igdbId).toList())
                .bindArray("parents", UUID.class, genres.stream().map(CopiedGenre::parentId).toList())
                .bind("now", now)));
        Map<UUID, Boolean> gameRows = run(h, "works", h.createQuery("""
                        INSERT INTO game AS t (id, name, slug, franchise_id, original_release_year, created_at, updated_at)
                        SELECT i, n, s, f, y, :now, :now FROM unnest(:ids, :names, :slugs, :franchises, :years) AS x(i, n, s, f, y)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug,
                            franchise_id = excluded.franchise_id, original_release_year = excluded.original_release_year,
                            updated_at = :now
                        WHERE (t.name, t.slug, t.franchise_id, t.original_release_year)
                              IS DISTINCT FROM (excluded.name, excluded.slug, excluded.franchise_id, excluded.original_release_year)
                        RETURNING t.id, (xmax = 0) AS inserted""")
                .bindArray("ids", UUID.class, games.stream().map(CopiedGame::id).toList())
                .bindArray("names", String.class, games.stream().map(CopiedGame::name).toList())
                .bindArray("slugs", String.class, games.stream().map(CopiedGame::slug).toList())
                .bindArray("franchises", UUID.class, games.stream().map(CopiedGame::franchiseId).toList())
                .bindArray("years", Integer.class, games.stream().map(CopiedGame::originalReleaseYear).toList())
                .bind("now", now));
        Map<UUID, Boolean> editionRows = run(h, "editions", h.createQuery("""
                        INSERT INTO edition AS t (id, game_id, name, slug, edition_type, igdb_id, twitch_category_id,
                                                  cover_url, release_date, summary, created_at, updated_at)
                        SELECT i, w, n, s, e, x, tw, c, r, su, :now, :now
                        FROM unnest(:ids, :games, :names, :slugs, :types, :igdb, :twitch, :covers, CAST(:dates AS date[]), :summaries)
                             AS x(i, w, n, s, e, x, tw, c, r, su)
                        ON CONFLICT (id) DO UPDATE SET game_id = excluded.game_id, name = excluded.name,
                            slug = excluded.slug, edition_type = excluded.edition_type, igdb_id = excluded.igdb_id,
                            twitch_category_id = excluded.twitch_category_id, cover_url = excluded.cover_url,
                            release_date = excluded.release_date, summary = excluded.summary, updated_at = :now
                        WHERE (t.game_id, t.name, t.slug, t.edition_type, t.igdb_id, t.twitch_category_id, t.cover_url,
                               t.release_date, t.summary)
                              IS DISTINCT FROM (excluded.game_id, excluded.name, excluded.slug, excluded.edition_type,
                               excluded.igdb_id, excluded.twitch_category_id, excluded.cover_url, excluded.release_date,
                               excluded.summary)
                        RETURNING t.id, (xmax = 0) AS inserted""")
                .bindArray("ids", UUID.class, editions.stream().map(CopiedEdition::id).toList())
                .bindArray("games", UUID.class, editions.stream().map(CopiedEdition::gameId).toList())
                .bindArray("names", String.class, editions.stream().map(CopiedEdition::name).toList())
                .bindArray("slugs", String.class, editions.stream().map(CopiedEdition::slug).toList())
                .bindArray("types", String.class, editions.stream().map(CopiedEdition::editionType).toList())
                .bindArray("igdb", Long.class, editions.stream().map(CopiedEdition::igdbId).toList())
                .bindArray("twitch", String.class, editions.stream().map(CopiedEdition::twitchCategoryId).toList())
                .bindArray("covers", String.class, editions.stream().map(CopiedEdition::coverUrl).toList())
                .bindArray("dates", String.class, editions.stream() // JDBI binds no LocalDate arrays: ISO text, cast
                        .map(e -> e.releaseDate() == null ? null : e.releaseDate().toString()).toList())
                .bindArray("summaries", String.class, editions.stream().map(CopiedEdition::summary).toList())
                .bind("now", now));
        Set<UUID> gamesWithEditions = editionRows.isEmpty() ? Set.of() : new HashSet<>(h.createQuery(
                        "SELECT DISTINCT game_id FROM edition WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, editionRows.keySet())
                .mapTo(UUID.class).list());
        events(h, gameRows, gamesWithEditions, events);
        return new CopyReport(f, g, counts(games.size(), gameRows), counts(editions.size(), editionRows));
    }

    /** game_added for new games, game_updated for games changed or with editions added or changed. */
    private static void events(Handle h, Map<UUID, Boolean> games, Set<UUID> withEditions, CollectedEvents events) {
        Set<UUID> touched = new HashSet<>(games.keySet());
        touched.addAll(withEditions);
        if (touched.isEmpty()) {
            return;
        }
        h.createQuery("""
                        SELECT g.id, g.slug, g.name, f.slug AS franchise, g.original_release_year, g.platforms, g.cover_url
                        FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id
                        WHERE g.id = ANY(:ids) ORDER BY g.slug""")
                .bindArray("ids", UUID.class, touched)
                .map((rs, ctx) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    boolean added = Boolean.TRUE.equals(games.get(id));
                    List<String> changed = added ? null : games.containsKey(id) ? List.of("name", "slug", "franchise",
                            "original_release_year") : List.of("editions");
                    Object year = rs.getObject("original_release_year");
                    var event = new GameEvent(rs.getString("slug"), rs.getString("name"), rs.getString("franchise"),
                            year == null ? null : ((Number) year).intValue(),
                            List.of((String[]) rs.getArray("platforms").getArray()), rs.getString("cover_url"), changed, null);
                    return Map.entry(added ? EventTypes.GAME_ADDED : EventTypes.GAME_UPDATED, event);
                })
                .forEach(e -> events.add(e.getKey(), e.getValue()));
    }

    /** Runs an upsert returning (id, inserted) per written row; a unique value held by another record is a 422. */
    private static Map<UUID, Boolean> run(Handle h, String section, Query q) {
        Map<UUID, Boolean> written = new LinkedHashMap<>();
        try {
            q.map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class), rs.getBoolean("inserted")))
                    .forEach(e -> written.merge(e.getKey(), e.getValue(), (a, b) -> a || b));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw InvalidInputException.of(422, section, "a slug or external id of the copy belongs to another "
                        + "record here: " + sql.getMessage().lines().skip(1).findFirst().orElse("").strip());
            }
            if (e.getCause() instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                throw InvalidInputException.of(422, section, "refers to a record the copy does not have: "
                        + sql.getMessage().lines().skip(1).findFirst().orElse("").strip());
            }
            throw e;
        }
        return written;
    }

    private static CopyCounts counts(int given, Map<UUID, Boolean> written) {
        int created = (int) written.values().stream().filter(b -> b).count();
        return new CopyCounts(created, written.size() - created, given - written.size());
    }
}
