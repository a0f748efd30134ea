package questlog.profiles;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code profile} table. Rows carry their game's slug and name, read from the library's
 * {@code game} table in the same statement: a read-only join on the primary key, cheaper than a
 * second lookup per profile, and the library never writes through it.
 */
@RegisterConstructorMapper(Profile.class)
public interface ProfileDao {
    String COLUMNS = """
            p.id, p.plugin, p.account_id, p.handle, p.display_name, p.game_id, g.slug AS game_slug,
            g.name AS game_name, p.settings, p.data, p.synced_at, p.sync_error, p.created_at, p.updated_at
            FROM profile p LEFT JOIN game_ref g ON g.id = p.game_id""";

    String ORDER = " ORDER BY p.plugin, lower(coalesce(p.display_name, p.handle)), p.id";

    @SqlQuery("SELECT " + COLUMNS + ORDER + " LIMIT :limit OFFSET :offset")
    List<Profile> page(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM profile")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " WHERE p.plugin = :plugin" + ORDER + " LIMIT :limit OFFSET :offset")
    List<Profile> pageOfPlugin(@Bind("plugin") String plugin, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM profile WHERE plugin = :plugin")
    long countOfPlugin(@Bind("plugin") String plugin);

    @SqlQuery("SELECT " + COLUMNS + " WHERE p.id = :id")
    Optional<Profile> find(@Bind("id") UUID id);

    /** The row, locked until the transaction ends (a sync's write against an edit or a removal). */
    @SqlQuery("SELECT " + COLUMNS + " WHERE p.id = :id FOR UPDATE OF p")
    Optional<Profile> lock(@Bind("id") UUID id);

    /** The plugin's first profile: the one the original Questlog's single-account routes show. */
    @SqlQuery("SELECT " + COLUMNS + " WHERE p.plugin = :plugin ORDER BY p.created_at, p.id LIMIT 1")
    Optional<Profile> firstOfPlugin(@Bind("plugin") String plugin);

    @SqlQuery("SELECT id FROM profile WHERE plugin = :plugin AND account_id = :account")
    Optional<UUID> idOfAccount(@Bind("plugin") String plugin, @Bind("account") String accountId);

    @SqlUpdate("""
            INSERT INTO profile (id, plugin, account_id, handle, display_name, game_id, settings, next_sync_at,
                                 created_at, updated_at)
            VALUES (:id, :plugin, :account, :handle, :name, :game, CAST(:settings AS jsonb), :next, :now, :now)""")
    void insert(@Bind("id") UUID id, @Bind("plugin") String plugin, @Bind("account") String accountId,
                @Bind("handle") String handle, @Bind("name") String displayName, @Bind("game") UUID gameId,
                @Bind("settings") String settings, @Bind("next") OffsetDateTime nextSync, @Bind("now") OffsetDateTime now);

    @SqlUpdate("""
            UPDATE profile SET game_id = :game, settings = CAST(:settings AS jsonb), updated_at = :now
            WHERE id = :id""")
    void update(@Bind("id") UUID id, @Bind("game") UUID gameId, @Bind("settings") String settings,
                @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE FROM profile WHERE id = :id")
    int delete(@Bind("id") UUID id);

    /** A successful sync: the latest data, the games it covers, no error, the next scheduled sync. */
    @SqlUpdate("""
            UPDATE profile SET data = CAST(:data AS jsonb), display_name = coalesce(:name, display_name),
                               games = :games, synced_at = :now, sync_error = NULL, next_sync_at = :next,
                               updated_at = :now
            WHERE id = :id""")
    void synced(@Bind("id") UUID id, @Bind("data") String data, @Bind("name") String displayName,
                @Bind("games") String[] games, @Bind("now") OffsetDateTime now, @Bind("next") OffsetDateTime nextSync);

    /** A failed sync: the data stays the last good one; the error says why, the next try is scheduled. */
    @SqlUpdate("""
            UPDATE profile SET sync_error = :error, next_sync_at = :next, updated_at = :now WHERE id = :id""")
    void failed(@Bind("id") UUID id, @Bind("error") String error, @Bind("now") OffsetDateTime now,
                @Bind("next") OffsetDateTime nextSync);

    /** Profiles of installed plugins whose scheduled sync is due, locked for the scheduler that claims them. */
    @SqlQuery("""
            SELECT id FROM profile WHERE plugin = ANY(:plugins) AND (next_sync_at IS NULL OR next_sync_at <= :now)
            ORDER BY next_sync_at NULLS FIRST, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<UUID> due(@Bind("plugins") String[] plugins, @Bind("now") OffsetDateTime now, @Bind("limit") int limit);

    @SqlUpdate("UPDATE profile SET next_sync_at = :next WHERE id = :id")
    void scheduleNext(@Bind("id") UUID id, @Bind("next") OffsetDateTime next);

    @SqlQuery("SELECT plugin FROM profile WHERE id = :id")
    Optional<String> pluginOf(@Bind("id") UUID id);
}
