package questlog.library.dataset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetCopy;

/**
 * Writes a checked {@link DatasetPlan}. Each section is COPYed into a temporary table (with a
 * flag saying whether the id is new), then moved into its table with two set-based statements:
 * a plain INSERT of the new rows and an UPDATE of the existing rows whose values differ. So a
 * re-import of the same document changes nothing (not even {@code updated_at}), and the answer
 * can tell created, updated and unchanged records apart.
 *
 * <p>A document in Questlog's own format ({@code full}) sets every column, timestamps included.
 * A bench document has fewer fields: the columns it lacks (igdb data, parents, primary genre,
 * an edition's cover and summary, ...) are first copied into the staged rows from the rows
 * they rewrite, so they stay as they are, and {@code created_at}/{@code updated_at} are the
 * import's time. A game's genres become exactly the document's list.
 */
final class DatasetWriter {
    private final Handle h;
    private final OffsetDateTime now;
    private final boolean full;

    DatasetWriter(Handle h, OffsetDateTime now, boolean full) {
        this.h = h;
        this.now = now;
        this.full = full;
    }

    /** Created, updated and unchanged counts of one section. */
    record Counts(int created, int updated, int unchanged) {}

    /** The games an import created, and the existing ones it changed (themselves, their genres, editions or external ids). */
    final Set<UUID> gamesCreated = new HashSet<>();
    final Set<UUID> gamesChanged = new HashSet<>();

    Counts genres(List<DatasetPlan.GenreRow> genres, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_genre (id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C",
                    igdb_id bigint, parent_id uuid, created_at timestamptz, updated_at timestamptz)
                ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_genre",
                "id, is_new, slug, name, igdb_id, parent_id, created_at, updated_at")) {
            for (DatasetPlan.GenreRow row : genres) {
                DatasetRecords.Genre g = row.genre();
                copy.uuid(g.id()).bool(!existing.contains(g.id())).text(g.slug()).text(g.name()).number(g.igdbId())
                        .uuid(row.parentId()).instant(created(g.stamps())).instant(updated(g.stamps())).endRow();
            }
            copy.finish();
        }
        keepUncarried("import_genre", "genre", "igdb_id = t.igdb_id, parent_id = t.parent_id");
        int created = insert("""
                INSERT INTO genre (id, slug, name, igdb_id, parent_id, created_at, updated_at)
                SELECT id, slug, name, igdb_id, parent_id, coalesce(created_at, :now), coalesce(updated_at, :now)
                FROM import_genre WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE genre t SET slug = s.slug, name = s.name, igdb_id = s.igdb_id, parent_id = s.parent_id,
                    created_at = coalesce(s.created_at, t.created_at), updated_at = coalesce(s.updated_at, :now)
                FROM import_genre s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.slug, t.name, t.igdb_id, t.parent_id, t.created_at, t.updated_at)
                      IS DISTINCT FROM
                      (s.slug, s.name, s.igdb_id, s.parent_id, coalesce(s.created_at, t.created_at),
                       coalesce(s.updated_at, t.updated_at))
                RETURNING t.id""");
        return new Counts(created, updated.size(), genres.size() - created - updated.size());
    }

    Counts franchises(List<DatasetRecords.Franchise> franchises, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_franchise (id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C",
                    created_at timestamptz, updated_at timestamptz)
                ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_franchise", "id, is_new, slug, name, created_at, updated_at")) {
            for (DatasetRecords.Franchise f : franchises) {
                copy.uuid(f.id()).bool(!existing.contains(f.id())).text(f.slug()).text(f.name())
                        .instant(created(f.stamps())).instant(updated(f.stamps())).endRow();
            }
            copy.finish();
        }
        int created = insert("""
                INSERT INTO franchise (id, slug, name, created_at, updated_at)
                SELECT id, slug, name, coalesce(created_at, :now), coalesce(updated_at, :now) FROM import_franchise WHERE is_new""");
        Set<UUID> updated = ids("""
                UPDATE franchise t SET slug = s.slug, name = s.name,
                    created_at = coalesce(s.created_at, t.created_at), updated_at = coalesce(s.updated_at, :now)
                FROM import_franchise s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.slug, t.name, t.created_at, t.updated_at)
                      IS DISTINCT FROM (s.slug, s.name, coalesce(s.created_at, t.created_at), coalesce(s.updated_at, t.updated_at))
                RETURNING t.id""");
        return new Counts(created, updated.size(), franchises.size() - created - updated.size());
    }

    /** Games and their genre links; an existing game whose genres alone changed counts as updated. */
    Counts games(List<DatasetPlan.GameRow> games, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_game (
                    id uuid, is_new boolean, slug text COLLATE "C", name text COLLATE "C", franchise_id uuid,
                    original_release_year integer, summary text, cover_url text, igdb_id bigint, platforms text[],
                    sort_name text COLLATE "C", parent_game_id uuid, relationship_type text, primary_genre_id uuid,
                    igdb_data jsonb, last_synced_at timestamptz, created_at timestamptz, updated_at timestamptz
                ) ON COMMIT DROP""");
        h.execute("CREATE TEMP TABLE import_game_genre (game_id uuid, is_new boolean, genre_id uuid) ON COMMIT DROP");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_game", "id, is_new, slug, name, franchise_id, "
                + "original_release_year, summary, cover_url, igdb_id, platforms, sort_name, parent_game_id, "
                + "relationship_type, primary_genre_id, igdb_data, last_synced_at, created_at, updated_at")) {
            for (DatasetPlan.GameRow row : games) {
                DatasetRecords.Game g = row.game();
                DatasetRecords.GameExtra x = g.extra();
                copy.uuid(g.id()).bool(!existing.contains(g.id())).text(g.slug()).text(g.name())
                        .uuid(row.franchiseId()).number(g.originalReleaseYear()).text(g.summary())
                        .text(g.coverUrl()).number(g.igdbId()).textArray(g.platforms())
                        .text(x == null ? null : x.sortName()).uuid(row.parentGameId())
                        .text(x == null ? null : x.relationshipType()).uuid(row.primaryGenreId())
                        .text(x == null ? null : x.igdbData()).instant(x == null ? null : x.lastSyncedAt())
                        .instant(x == null ? null : created(x.stamps())).instant(x == null ? null : updated(x.stamps()))
                        .endRow();
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
        keepUncarried("import_game", "game", """
                sort_name = t.sort_name, parent_game_id = t.parent_game_id, relationship_type = t.relationship_type,
                primary_genre_id = t.primary_genre_id, igdb_data = t.igdb_data, last_synced_at = t.last_synced_at""");
        gamesCreated.addAll(ids("""
                INSERT INTO game (id, slug, name, franchise_id, original_release_year, summary, cover_url,
                                  igdb_id, platforms, sort_name, parent_game_id, relationship_type, primary_genre_id,
                                  igdb_data, last_synced_at, created_at, updated_at)
                SELECT id, slug, name, franchise_id, original_release_year, summary, cover_url,
                       igdb_id, platforms, sort_name, parent_game_id, relationship_type, primary_genre_id,
                       igdb_data, last_synced_at, coalesce(created_at, :now), coalesce(updated_at, :now)
                FROM import_game WHERE is_new
                RETURNING id"""));
        int created = gamesCreated.size();
        Set<UUID> updated = ids("""
                UPDATE game t SET
                    slug = s.slug, name = s.name, franchise_id = s.franchise_id,
                    original_release_year = s.original_release_year, summary = s.summary, cover_url = s.cover_url,
                    igdb_id = s.igdb_id, platforms = s.platforms, sort_name = s.sort_name,
                    parent_game_id = s.parent_game_id, relationship_type = s.relationship_type,
                    primary_genre_id = s.primary_genre_id, igdb_data = s.igdb_data, last_synced_at = s.last_synced_at,
                    created_at = coalesce(s.created_at, t.created_at), updated_at = coalesce(s.updated_at, :now)
                FROM import_game s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.slug, t.name, t.franchise_id, t.original_release_year, t.summary,
                       t.cover_url, t.igdb_id, t.platforms, t.sort_name, t.parent_game_id, t.relationship_type,
                       t.primary_genre_id, t.igdb_data, t.last_synced_at, t.created_at, t.updated_at)
                      IS DISTINCT FROM
                      (s.slug, s.name, s.franchise_id, s.original_release_year, s.summary,
                       s.cover_url, s.igdb_id, s.platforms, s.sort_name, s.parent_game_id, s.relationship_type,
                       s.primary_genre_id, s.igdb_data, s.last_synced_at, coalesce(s.created_at, t.created_at),
                       coalesce(s.updated_at, t.updated_at))
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
        if (!relinked.isEmpty() && !full) {
            // Questlog's own format brings the game's updated_at along; the bench format's import time stands in.
            h.createUpdate("UPDATE game SET updated_at = :now WHERE id = ANY(:ids)")
                    .bind("now", now)
                    .bindArray("ids", UUID.class, relinked)
                    .execute();
        }
        updated.addAll(relinked);
        gamesChanged.addAll(updated);
        return new Counts(created, updated.size(), games.size() - created - updated.size());
    }

    Counts editions(List<DatasetPlan.EditionRow> editions, Set<UUID> existing) {
        h.execute("""
                CREATE TEMP TABLE import_edition (
                    id uuid, is_new boolean, game_id uuid, slug text COLLATE "C", name text COLLATE "C",
                    edition_type text, release_date date, platforms text[], cover_url text, summary text, igdb_id bigint,
                    twitch_category_id text, igdb_data jsonb, last_synced_at timestamptz, created_at timestamptz,
                    updated_at timestamptz
                ) ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_edition", "id, is_new, game_id, slug, name, edition_type, "
                + "release_date, platforms, cover_url, summary, igdb_id, twitch_category_id, igdb_data, last_synced_at, "
                + "created_at, updated_at")) {
            for (DatasetPlan.EditionRow row : editions) {
                DatasetRecords.Edition e = row.edition();
                DatasetRecords.EditionExtra x = e.extra();
                copy.uuid(e.id()).bool(!existing.contains(e.id())).uuid(row.gameId()).text(e.slug()).text(e.name())
                        .text(e.editionType()).date(e.releaseDate()).textArray(e.platforms())
                        .text(x == null ? null : x.coverUrl()).text(x == null ? null : x.summary())
                        .number(x == null ? null : x.igdbId()).text(x == null ? null : x.twitchCategoryId())
                        .text(x == null ? null : x.igdbData()).instant(x == null ? null : x.lastSyncedAt())
                        .instant(x == null ? null : created(x.stamps())).instant(x == null ? null : updated(x.stamps()))
                        .endRow();
            }
            copy.finish();
        }
        h.execute("ANALYZE import_edition (id, is_new)");
        keepUncarried("import_edition", "edition", """
                cover_url = t.cover_url, summary = t.summary, igdb_id = t.igdb_id, twitch_category_id = t.twitch_category_id,
                igdb_data = t.igdb_data, last_synced_at = t.last_synced_at""");
        List<Written> created = written("""
                INSERT INTO edition (id, game_id, slug, name, edition_type, release_date, platforms, cover_url, summary,
                                     igdb_id, twitch_category_id, igdb_data, last_synced_at, created_at, updated_at)
                SELECT id, game_id, slug, name, edition_type, release_date, platforms, cover_url, summary,
                       igdb_id, twitch_category_id, igdb_data, last_synced_at, coalesce(created_at, :now),
                       coalesce(updated_at, :now)
                FROM import_edition WHERE is_new
                RETURNING id, game_id AS game""");
        List<Written> updated = written("""
                UPDATE edition t SET
                    game_id = s.game_id, slug = s.slug, name = s.name, edition_type = s.edition_type,
                    release_date = s.release_date, platforms = s.platforms, cover_url = s.cover_url, summary = s.summary,
                    igdb_id = s.igdb_id, twitch_category_id = s.twitch_category_id, igdb_data = s.igdb_data,
                    last_synced_at = s.last_synced_at, created_at = coalesce(s.created_at, t.created_at),
                    updated_at = coalesce(s.updated_at, :now)
                FROM import_edition s
                WHERE t.id = s.id AND NOT s.is_new
                  AND (t.game_id, t.slug, t.name, t.edition_type, t.release_date, t.platforms, t.cover_url, t.summary,
                       t.igdb_id, t.twitch_category_id, t.igdb_data, t.last_synced_at, t.created_at, t.updated_at)
                      IS DISTINCT FROM
                      (s.game_id, s.slug, s.name, s.edition_type, s.release_date, s.platforms, s.cover_url, s.summary,
                       s.igdb_id, s.twitch_category_id, s.igdb_data, s.last_synced_at,
                       coalesce(s.created_at, t.created_at), coalesce(s.updated_at, t.updated_at))
                RETURNING t.id, t.game_id AS game""");
        created.forEach(w -> gamesChanged.add(w.game()));
        updated.forEach(w -> gamesChanged.add(w.game()));
        return new Counts(created.size(), updated.size(), editions.size() - created.size() - updated.size());
    }

    /** External ids (Questlog's own format only), upserted by id. */
    Counts externalIds(List<DatasetPlan.ExternalIdRow> rows) {
        if (rows.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        List<Boolean> written = h.createQuery("""
                        INSERT INTO external_id AS x (id, source, external_id, game_id, edition_id, created_at, updated_at)
                        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:sources AS text[]), CAST(:values AS text[]),
                                             CAST(:games AS uuid[]), CAST(:editions AS uuid[]),
                                             CAST(:created AS timestamptz[]), CAST(:updated AS timestamptz[]))
                        ON CONFLICT (id) DO UPDATE
                        SET source = excluded.source, external_id = excluded.external_id, game_id = excluded.game_id,
                            edition_id = excluded.edition_id, created_at = excluded.created_at,
                            updated_at = excluded.updated_at
                        WHERE (x.source, x.external_id, x.game_id, x.edition_id, x.created_at, x.updated_at)
                              IS DISTINCT FROM (excluded.source, excluded.external_id, excluded.game_id,
                                                excluded.edition_id, excluded.created_at, excluded.updated_at)
                        RETURNING (xmax = 0)""")
                .bindArray("ids", UUID.class, rows.stream().map(r -> r.externalId().id()).toList())
                .bindArray("sources", String.class, rows.stream().map(r -> r.externalId().source()).toList())
                .bindArray("values", String.class, rows.stream().map(r -> r.externalId().externalId()).toList())
                .bindArray("games", UUID.class, rows.stream().map(DatasetPlan.ExternalIdRow::gameId).toList())
                .bindArray("editions", UUID.class, rows.stream().map(DatasetPlan.ExternalIdRow::editionId).toList())
                .bindArray("created", String.class, rows.stream().map(r -> r.externalId().stamps().createdAt().toString()).toList())
                .bindArray("updated", String.class, rows.stream().map(r -> r.externalId().stamps().updatedAt().toString()).toList())
                .mapTo(Boolean.class)
                .list();
        int created = (int) written.stream().filter(b -> b).count();
        if (!written.isEmpty()) {
            // Their games' detail shows external ids: those games changed.
            gamesChanged.addAll(h.createQuery("""
                            SELECT DISTINCT coalesce(x.game_id, e.game_id) FROM external_id x
                            LEFT JOIN edition e ON e.id = x.edition_id WHERE x.id = ANY(:ids)""")
                    .bindArray("ids", UUID.class, rows.stream().map(r -> r.externalId().id()).toList())
                    .mapTo(UUID.class).list());
        }
        return new Counts(created, written.size() - created, rows.size() - written.size());
    }

    /**
     * A bench document lacks some columns: its staged rows take them from the rows they rewrite,
     * so the UPDATE leaves them as they are. {@code staged}, {@code table} and {@code assignments}
     * are constants of this class.
     */
    private void keepUncarried(String staged, String table, String assignments) {
        if (!full) {
            h.execute("UPDATE " + staged + " s SET " + assignments + " FROM " + table + " t WHERE t.id = s.id AND NOT s.is_new");
        }
    }

    private static Instant created(DatasetRecords.Stamps stamps) {
        return stamps == null ? null : stamps.createdAt();
    }

    private static Instant updated(DatasetRecords.Stamps stamps) {
        return stamps == null ? null : stamps.updatedAt();
    }

    private record Written(UUID id, UUID game) {}

    private List<Written> written(String sql) {
        return h.createQuery(sql).bind("now", now)
                .map((rs, ctx) -> new Written(rs.getObject("id", UUID.class), rs.getObject("game", UUID.class)))
                .list();
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
