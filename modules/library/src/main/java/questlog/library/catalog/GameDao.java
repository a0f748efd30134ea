package questlog.library.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import questlog.library.compat.Work;

/** The game table (read together with the names of its franchise, primary genre and parent). */
@RegisterConstructorMapper(Game.class)
public interface GameDao extends SqlObject {

    String SELECT = """
            SELECT g.id, g.name, g.slug, g.sort_name,
                   g.franchise_id, f.name AS franchise_name, f.slug AS franchise_slug,
                   g.primary_genre_id, pg.name AS primary_genre_name, pg.slug AS primary_genre_slug,
                   g.parent_game_id, p.name AS parent_game_name, p.slug AS parent_game_slug, g.relationship_type,
                   g.original_release_year, g.summary, g.cover_url, g.platforms, g.igdb_id,
                   g.last_synced_at, g.created_at, g.updated_at
            FROM game g
            LEFT JOIN franchise f ON f.id = g.franchise_id
            LEFT JOIN genre pg ON pg.id = g.primary_genre_id
            LEFT JOIN game p ON p.id = g.parent_game_id
            """;

    @SqlQuery(SELECT + "WHERE g.slug = :slug")
    Optional<Game> findBySlug(@Bind("slug") String slug);

    @SqlQuery(SELECT + "WHERE g.id = :id")
    Optional<Game> findById(@Bind("id") UUID id);

    @SqlQuery(SELECT + "WHERE g.id = ANY(:ids)")
    List<Game> findByIds(@Bind("ids") UUID[] ids);

    /** The slug of the game linked to each of these IGDB ids; ids no game holds are absent. */
    default Map<Long, String> slugsByIgdbId(Collection<Long> igdbIds) {
        Map<Long, String> slugs = new HashMap<>();
        if (!igdbIds.isEmpty()) {
            getHandle().createQuery("SELECT igdb_id, slug FROM game WHERE igdb_id = ANY(:ids)")
                    .bindArray("ids", Long.class, igdbIds)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> slugs.put(e.getKey(), e.getValue()));
        }
        return slugs;
    }

    /** The game's id, its row locked until the transaction ends, so a concurrent delete waits for this write. */
    @SqlQuery("SELECT id FROM game WHERE slug = :slug FOR UPDATE")
    Optional<UUID> lockBySlug(@Bind("slug") String slug);

    String SELECT_WORK = """
            SELECT g.id, g.name, g.slug, g.franchise_id, f.name AS franchise_name, f.slug AS franchise_slug,
                   g.original_release_year
            FROM game g
            LEFT JOIN franchise f ON f.id = g.franchise_id
            """;

    /** The compatibility listing of works: by name, optionally one franchise's. */
    @SqlQuery(SELECT_WORK + """
            WHERE CAST(:franchise AS text) IS NULL OR g.franchise_id = (SELECT id FROM franchise WHERE slug = :franchise)
            ORDER BY g.name, g.slug
            LIMIT :limit OFFSET :offset""")
    @RegisterConstructorMapper(Work.class)
    List<Work> listWorks(@Bind("franchise") String franchiseSlug, @Bind("limit") long limit, @Bind("offset") long offset);

    @SqlQuery(SELECT_WORK + "WHERE g.slug = :slug")
    @RegisterConstructorMapper(Work.class)
    Optional<Work> findWorkBySlug(@Bind("slug") String slug);

    @SqlQuery(SELECT_WORK + "WHERE g.id = :id")
    @RegisterConstructorMapper(Work.class)
    Optional<Work> findWorkById(@Bind("id") UUID id);

    @SqlQuery("SELECT slug FROM game WHERE slug = :base OR slug LIKE :base || '-%'")
    List<String> slugsLike(@Bind("base") String base);

    /** What an insert hands back: the new id and the slug it got. */
    record Key(UUID id, String slug) {}

    /** Inserts unless the slug is taken (then empty, and the transaction stays usable). */
    @SqlQuery("""
            INSERT INTO game (name, slug, sort_name, franchise_id, parent_game_id, relationship_type,
                              primary_genre_id, original_release_year, summary, cover_url, platforms, igdb_id,
                              created_at, updated_at)
            VALUES (:name, :slug, :sortName, :franchiseId, :parentGameId, :relationshipType,
                    :primaryGenreId, :originalReleaseYear, :summary, :coverUrl, :platformArray, :igdbId, :now, :now)
            ON CONFLICT (slug) DO NOTHING
            RETURNING id, slug""")
    @RegisterConstructorMapper(Key.class)
    Optional<Key> insert(@BindMethods GameValues values, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE game SET name = :name, slug = :slug, sort_name = :sortName,
                   franchise_id = :franchiseId, parent_game_id = :parentGameId, relationship_type = :relationshipType,
                   primary_genre_id = :primaryGenreId, original_release_year = :originalReleaseYear,
                   summary = :summary, cover_url = :coverUrl, platforms = :platformArray, igdb_id = :igdbId,
                   updated_at = :now
            WHERE id = :id""")
    void update(@Bind("id") UUID id, @BindMethods GameValues values, @Bind("now") Instant now);

    /** Whether walking up parent links from {@code start} reaches {@code target} (a cycle in the making). */
    @SqlQuery("""
            WITH RECURSIVE up(id, parent_game_id) AS (
                SELECT id, parent_game_id FROM game WHERE id = :start
                UNION
                SELECT g.id, g.parent_game_id FROM game g JOIN up ON g.id = up.parent_game_id)
            SELECT EXISTS (SELECT 1 FROM up WHERE id = :target)""")
    boolean ancestryContains(@Bind("start") UUID start, @Bind("target") UUID target);

    /** Children lose their link when the parent goes; their relationship type goes with it. */
    @SqlQuery("""
            UPDATE game SET parent_game_id = NULL, relationship_type = NULL, updated_at = :now
            WHERE parent_game_id = :id
            RETURNING id""")
    List<UUID> detachChildren(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM game WHERE id = :id")
    void delete(@Bind("id") UUID id);
}
