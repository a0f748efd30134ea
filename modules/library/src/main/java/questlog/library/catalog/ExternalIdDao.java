package questlog.library.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The external_id table. */
@RegisterConstructorMapper(ExternalId.class)
public interface ExternalIdDao {

    /** Ids of the game itself and of its editions (with the edition's slug). */
    @SqlQuery("""
            SELECT x.source, x.external_id, x.game_id, x.edition_id, e.slug AS edition_slug
            FROM external_id x LEFT JOIN edition e ON e.id = x.edition_id
            WHERE x.game_id = :gameId OR e.game_id = :gameId
            ORDER BY x.source, x.external_id""")
    List<ExternalId> forGame(@Bind("gameId") UUID gameId);

    @SqlUpdate("""
            INSERT INTO external_id (source, external_id, game_id, created_at, updated_at)
            VALUES (:source, :externalId, :gameId, :now, :now)""")
    void insertForGame(@Bind("gameId") UUID gameId, @Bind("source") String source,
                       @Bind("externalId") String externalId, @Bind("now") Instant now);

    /** Removes the ids attached to the game itself; those of its editions stay. */
    @SqlUpdate("DELETE FROM external_id WHERE game_id = :gameId")
    void deleteForGame(@Bind("gameId") UUID gameId);
}
