package questlog.library.dataset;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a checked {@link DatasetPlan}. Each section is COPYed into a temporary table (with a
 * flag saying whether the id is new), then moved into its table with two set-based statements:
 * a plain INSERT of the new rows and an UPDATE of the existing rows whose values differ. So a
 * re-import of the same document changes nothing (not even {@code updated_at}), and the answer
 * can tell created, updated and unchanged records apart. Columns the format does not carry
 * (igdb data, cover and summary of editions, parents, primary genre, ...) are left as they are.
 * A game's genres become exactly the document's list.
 */
final class DatasetWriter {
    private final Handle h;
    private final OffsetDateTime now;

    DatasetWriter(Handle h, OffsetDateTime now) {
        this.h = h;
        this.now = now;
    }

    /** Created, updated and unchanged counts of one section. */
    record Counts(int created, int updated, int unchanged) {}

    Counts genres(List<DatasetRecords.Genre> genres, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_genre (id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C")
                ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_genre", "id, is_new, slug, name")) {
            for (DatasetRecords.Genre g : genres) {
                copy.uuid(g.id()).bool(!existing.contains(g.id())).text(g.slug()).text(g.name()).endRow();
            }
            copy.finish();
        }
        int created = insert("""
                INSERT INTO genre (id, slug, name, created_at, updated_at)
                SELECT id, slug, name, :now, :now FROM import_genre WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE genre t SET slug = s.slug, name = s.name, updated_at = :now
                FROM import_genre s
                WHERE t.id = s.id AND NOT s.is_new AND (t.slug, t.name) IS DISTINCT FROM (s.slug, s.name)
                RETURNING t.id""");
        return new Counts(created, updated.size(), genres.size() - created - updated.size());
    }

    Counts franchises(List<DatasetRecords.Franchise> franchises, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_franchise (id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C")
                ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_franchise", "id, is_new, slug, name")) {
            for (DatasetRecords.Franchise f : franchises) {
                copy.uuid(f.id()).bool(!existing.contains(f.id())).text(f.slug()).text(f.name()).endRow();
            }
            copy.finish();
        }
        int created = insert("""
                INSERT INTO franchise (id, slug, name, created_at, updated_at)
                SELECT id, slug, name, :now, :now FROM import_franchise WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE franchise t SET slug = s.slug, name = s.name, updated_at = :now
                FROM import_franchise s
                WHERE t.id = s.id AND NOT s.is_new AND (t.slug, t.name) IS DISTINCT FROM (s.slug, s.name)
                RETURNING t.id""");
        return new Counts(created, updated.size(), franchises.size() - created - updated.size());
    }

    /** Games and their genre links; an existing game whose genres alone changed counts as updated. */
    Counts games(List<DatasetPlan.GameRow> games, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_game (
                    id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C", franchise_id uuid,
                    original_release_year integer, summary text, cover_url text, igdb_id bigint, platforms text[]
                ) ON COMMIT DROP""");
        h.execute("CREATE TEMP TABLE import_game_genre (game_id uuid, is_new boolean, genre_id uuid) ON COMMIT DROP");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_game", "id, is_new, slug, name, franchise_id, "
                + "original_release_year, summary, cover_url, igdb_id, platforms")) {
            for (int i = 0; i < games.size(); i++) {
                DatasetRecords.Game g = games.get(i).game();
                copy.uuid(g.id()).bool(!existing.contains(g.id())).text(g.slug()).text(g.name())
                        .uuid(games.get(i).franchiseId()).number(g.originalReleaseYear()).text(g.summary())
                        .text(g.coverUrl()).number(g.igdbId()).textArray(g.platforms()).endRow();
            }
            copy.finish();
        }
        try (DatasetCopy copy = DatasetCopy.into(h, "import_game_genre", "game_id, is_new, genre_id")) {
            for (DatasetPlan.GameRow row : games) {
                boolean isNew = !existing.contains(row.game().id());
                for (UUID genreId : row.genreIds()) {
                    copy.uuid(row.game().id()).bool(isNew).uuid(genreId).endRow();
                }
            }
            copy.finish();
        }
        // Statistics of the join columns only (the texts are wide and need none): the planner
        // then joins the staged rows with hashes instead of guessing.
        h.execute("ANALYZE import_game (id, is_new)");
        h.execute("ANALYZE import_game_genre (game_id, genre_id)");
        int created = insert("""
                INSERT INTO game (id, slug, name, franchise_id, original_release_year, summary, cover_url,
                                  igdb_id, platforms, created_at, updated_at)
                SELECT id, slug, name, franchise_id, original_release_year, summary, cover_url,
                       igdb_id, platforms, :now, :now
                FROM import_game WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE game t SET
                    slug = s.slug, name = s.name, franchise_id = s.franchise_id,
                    original_release_year = s.original_release_year, summary = s.summary, cover_url = s.cover_url,
                    igdb_id = s.igdb_id, platforms = s.platforms, updated_at = :now
                FROM import_game s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.slug, t.name, t.franchise_id, t.original_release_year, t.summary,
                       t.cover_url, t.igdb_id, t.platforms)
                      IS DISTINCT FROM
                      (s.slug, s.name, s.franchise_id, s.original_release_year, s.summary,
                       s.cover_url, s.igdb_id, s.platforms)
                RETURNING t.id""");
        insert("INSERT INTO game_genre (game_id, genre_id) SELECT game_id, genre_id FROM import_game_genre WHERE is_new");
        // Existing games: drop the links the document no longer has, add the ones it has newly.
        Set<UUID> relinked = ids("""
                DELETE FROM game_genre gg
                USING import_game g
                WHERE gg.game_id = g.id AND NOT g.is_new
                  AND NOT EXISTS (SELECT 1 FROM import_game_genre s WHERE s.game_id = gg.game_id AND s.genre_id = gg.genre_id)
                RETURNING gg.game_id""");
        relinked.addAll(ids("""
                INSERT INTO game_genre (game_id, genre_id)
                SELECT s.game_id, s.genre_id FROM import_game_genre s
                WHERE NOT s.is_new
                  AND NOT EXISTS (SELECT 1 FROM game_genre gg WHERE gg.game_id = s.game_id AND gg.genre_id = s.genre_id)
                RETURNING game_id"""));
        relinked.removeAll(updated);
        if (!relinked.isEmpty()) {
            h.createUpdate("UPDATE game SET updated_at = :now WHERE id = ANY(:ids)")
                    .bind("now", now)
                    .bindArray("ids", UUID.class, relinked)
                    .execute();
            updated.addAll(relinked);
        }
        return new Counts(created, updated.size(), games.size() - created - updated.size());
    }

    Counts editions(List<DatasetPlan.EditionRow> editions, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_edition (
                    id uuid, is_new boolean, game_id uuid, slug text COLLATE "C", name text COLLATE "C",
                    edition_type text, release_date date, platforms text[]
                ) ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_edition",
                "id, is_new, game_id, slug, name, edition_type, release_date, platforms")) {
            for (DatasetPlan.EditionRow row : editions) {
                DatasetRecords.Edition e = row.edition();
                copy.uuid(e.id()).bool(!existing.contains(e.id())).uuid(row.gameId()).text(e.slug()).text(e.name())
                        .text(e.editionType()).date(e.releaseDate()).textArray(e.platforms()).endRow();
            }
            copy.finish();
        }
        h.execute("ANALYZE import_edition (id, is_new)");
        int created = insert("""
                INSERT INTO edition (id, game_id, slug, name, edition_type, release_date, platforms, created_at, updated_at)
                SELECT id, game_id, slug, name, edition_type, release_date, platforms, :now, :now
                FROM import_edition WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE edition t SET
                    game_id = s.game_id, slug = s.slug, name = s.name, edition_type = s.edition_type,
                    release_date = s.release_date, platforms = s.platforms, updated_at = :now
                FROM import_edition s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.game_id, t.slug, t.name, t.edition_type, t.release_date, t.platforms)
                      IS DISTINCT FROM
                      (s.game_id, s.slug, s.name, s.edition_type, s.release_date, s.platforms)
                RETURNING t.id""");
        return new Counts(created, updated.size(), editions.size() - created - updated.size());
    }

    /** Runs an INSERT ... SELECT; returns the row count. */
    private int insert(String sql) {
        var update = h.createUpdate(sql);
        if (sql.contains(":now")) {
            update.bind("now", now);
        }
        return update.execute();
    }

    /** Runs a statement with {@code RETURNING <id>}; returns the ids. */
    private Set<UUID> ids(String sql) {
        var query = h.createQuery(sql);
        if (sql.contains(":now")) {
            query.bind("now", now);
        }
        return new HashSet<>(query.mapTo(UUID.class).list());
    }
}
