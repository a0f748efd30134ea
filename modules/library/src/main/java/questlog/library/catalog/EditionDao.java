package questlog.library.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The edition table. */
@RegisterConstructorMapper(Edition.class)
public interface EditionDao {

    /** A game's editions, earliest release first, undated ones last, then by name. */
    @SqlQuery("""
            SELECT * FROM edition WHERE game_id = :gameId
            ORDER BY release_date NULLS LAST, name, slug""")
    List<Edition> forGame(@Bind("gameId") UUID gameId);

    @SqlQuery("SELECT * FROM edition WHERE slug = :slug")
    Optional<Edition> findBySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT * FROM edition WHERE twitch_category_id = :twitchCategoryId")
    Optional<Edition> findByTwitchCategory(@Bind("twitchCategoryId") String twitchCategoryId);

    /** The compatibility listing: every edition, or one work's, by name. */
    @SqlQuery("""
            SELECT * FROM edition
            WHERE CAST(:gameSlug AS text) IS NULL OR game_id = (SELECT id FROM game WHERE slug = :gameSlug)
            ORDER BY name, slug
            LIMIT :limit OFFSET :offset""")
    List<Edition> list(@Bind("gameSlug") String gameSlug, @Bind("limit") long limit, @Bind("offset") long offset);

    @SqlQuery("SELECT slug FROM edition WHERE slug = :base OR slug LIKE :base || '-%'")
    List<String> slugsLike(@Bind("base") String base);

    /** Inserts unless the slug is taken (then empty); duplicate igdb or Twitch ids still fail. */
    @SqlQuery("""
            INSERT INTO edition (game_id, name, slug, edition_type, platforms, release_date, cover_url, summary,
                                 igdb_id, twitch_category_id, created_at, updated_at)
            VALUES (:gameId, :name, :slug, :editionType, :platforms, :releaseDate, :coverUrl, :summary,
                    :igdbId, :twitchCategoryId, :now, :now)
            ON CONFLICT (slug) DO NOTHING
            RETURNING *""")
    Optional<Edition> insert(@Bind("gameId") UUID gameId, @Bind("name") String name, @Bind("slug") String slug,
                             @Bind("editionType") String editionType, @Bind("platforms") String[] platforms,
                             @Bind("releaseDate") LocalDate releaseDate, @Bind("coverUrl") String coverUrl,
                             @Bind("summary") String summary, @Bind("igdbId") Long igdbId,
                             @Bind("twitchCategoryId") String twitchCategoryId, @Bind("now") Instant now);
}
