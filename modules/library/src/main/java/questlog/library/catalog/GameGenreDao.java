package questlog.library.catalog;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The game_genre link table. */
@RegisterConstructorMapper(GameGenre.class)
public interface GameGenreDao {

    /** The genres of many games in one query (a page of games), by name within each game. */
    @SqlQuery("""
            SELECT gg.game_id, ge.id, ge.name, ge.slug
            FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
            WHERE gg.game_id = ANY(:gameIds)
            ORDER BY ge.name, ge.slug""")
    List<GameGenre> forGames(@Bind("gameIds") UUID[] gameIds);

    @SqlUpdate("""
            INSERT INTO game_genre (game_id, genre_id)
            SELECT :gameId, genre_id FROM unnest(:genreIds) AS genre_id
            ON CONFLICT DO NOTHING""")
    void link(@Bind("gameId") UUID gameId, @Bind("genreIds") UUID[] genreIds);

    @SqlUpdate("DELETE FROM game_genre WHERE game_id = :gameId")
    void unlinkAll(@Bind("gameId") UUID gameId);
}
