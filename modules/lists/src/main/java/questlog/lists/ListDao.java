package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The list table. */
@RegisterConstructorMapper(GameList.class)
public interface ListDao {
    String COLUMNS = "l.id, l.slug, l.name, l.description, l.is_ranked, l.is_public, l.created_at, l.updated_at";
    String WITH_COUNT = COLUMNS + ", (SELECT count(*) FROM list_entry e WHERE e.list_id = l.id) AS entry_count";

    /** Every list by name (then slug), private ones only when asked. */
    @SqlQuery("SELECT " + WITH_COUNT + " FROM list l WHERE l.is_public OR :withPrivate ORDER BY l.name, l.slug")
    List<GameList> all(@Bind("withPrivate") boolean withPrivate);

    @SqlQuery("SELECT " + WITH_COUNT + " FROM list l WHERE l.slug = :slug")
    Optional<GameList> find(@Bind("slug") String slug);

    @SqlQuery("SELECT " + WITH_COUNT + " FROM list l WHERE l.id = :id")
    GameList get(@Bind("id") UUID id);

    /**
     * Locks the list row until the transaction ends. Every change to a list starts here, so the
     * writers of one list queue up. Read the list itself afterwards, in a statement of its own
     * ({@link #get}): that one sees everything committed by the writers this one waited for.
     */
    @SqlQuery("SELECT id FROM list WHERE slug = :slug FOR UPDATE")
    Optional<UUID> lock(@Bind("slug") String slug);

    /** Locks, in id order (as every multi-list writer does), the lists that have the game; their ids. */
    @SqlQuery("""
            SELECT id FROM list WHERE id IN (SELECT list_id FROM list_entry WHERE game_id = :gameId)
            ORDER BY id FOR UPDATE""")
    List<UUID> lockHaving(@Bind("gameId") UUID gameId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM list WHERE slug = :slug)")
    boolean slugTaken(@Bind("slug") String slug);

    @SqlQuery("SELECT slug FROM list WHERE slug = :base OR slug LIKE :base || '-%'")
    List<String> slugsLike(@Bind("base") String base);

    @SqlQuery("""
            INSERT INTO list AS l (id, slug, name, description, is_ranked, is_public, created_at, updated_at)
            VALUES (COALESCE(CAST(:id AS uuid), gen_random_uuid()), :slug, :name, :description, :ranked, :public,
                    :now, :now)
            RETURNING""" + " " + COLUMNS + ", 0 AS entry_count")
    GameList insert(@Bind("id") UUID id, @Bind("slug") String slug, @Bind("name") String name,
                    @Bind("description") String description, @Bind("ranked") boolean ranked,
                    @Bind("public") boolean isPublic, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE list SET slug = :slug, name = :name, description = :description, is_ranked = :ranked,
                            is_public = :public, updated_at = :now
            WHERE id = :id""")
    void update(@Bind("id") UUID id, @Bind("slug") String slug, @Bind("name") String name,
                @Bind("description") String description, @Bind("ranked") boolean ranked,
                @Bind("public") boolean isPublic, @Bind("now") Instant now);

    @SqlUpdate("UPDATE list SET updated_at = :now WHERE id = :id")
    void touch(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM list WHERE id = :id")
    int delete(@Bind("id") UUID id);

    /** Serialises slug choice among concurrent creates and renames (held until commit). */
    @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext('questlog.list.slug'))")
    int lockSlugs();
}
