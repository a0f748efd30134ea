package questlog.profiles;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The {@code profile} table. */
@RegisterConstructorMapper(Profile.class)
public interface ProfileDao {
    String COLUMNS = """
            p.id, p.plugin, p.account_id, p.handle, p.display_name, p.game_id, g.slug AS game_slug,
            g.name AS game_name, p.settings, p.data, p.synced_at, p.sync_error, p.created_at, p.updated_at
            FROM profile p LEFT JOIN game g ON g.id = p.game_id""";

    @SqlQuery("SELECT " + COLUMNS + " ORDER BY p.plugin, lower(coalesce(p.display_name, p.handle)), p.id LIMIT :limit OFFSET :offset")
    List<Profile> page(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM profile")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " WHERE p.game_id = :game ORDER BY p.plugin, p.id")
    List<Profile> ofGame(@Bind("game") UUID gameId);
}
