package questlog.library.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The genre table. */
@RegisterConstructorMapper(Genre.class)
public interface GenreDao {

    @SqlQuery("SELECT * FROM genre ORDER BY name, slug")
    List<Genre> list();

    @SqlQuery("SELECT * FROM genre WHERE slug = :slug")
    Optional<Genre> findBySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT * FROM genre WHERE slug = ANY(:slugs)")
    List<Genre> findBySlugs(@Bind("slugs") String[] slugs);

    @SqlQuery("SELECT slug FROM genre WHERE slug = :base OR slug LIKE :base || '-%'")
    List<String> slugsLike(@Bind("base") String base);

    /** Inserts unless the slug is taken (then empty); a duplicate igdb_id still fails. */
    @SqlQuery("""
            INSERT INTO genre (name, slug, igdb_id, parent_id, created_at, updated_at)
            VALUES (:name, :slug, :igdbId, :parentId, :now, :now)
            ON CONFLICT (slug) DO NOTHING
            RETURNING *""")
    Optional<Genre> insert(@Bind("name") String name, @Bind("slug") String slug, @Bind("igdbId") Long igdbId,
                           @Bind("parentId") UUID parentId, @Bind("now") Instant now);
}
