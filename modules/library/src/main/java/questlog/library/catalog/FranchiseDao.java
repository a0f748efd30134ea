package questlog.library.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The franchise table. */
@RegisterConstructorMapper(Franchise.class)
public interface FranchiseDao {

    @SqlQuery("SELECT * FROM franchise ORDER BY name, slug")
    List<Franchise> list();

    @SqlQuery("SELECT * FROM franchise WHERE slug = :slug")
    Optional<Franchise> findBySlug(@Bind("slug") String slug);

    /** Slugs equal to {@code base} or {@code base-<anything>}: the candidates a new slug must avoid. */
    @SqlQuery("SELECT slug FROM franchise WHERE slug = :base OR slug LIKE :base || '-%'")
    List<String> slugsLike(@Bind("base") String base);

    /** Inserts unless the slug is taken (then empty, without aborting the transaction). */
    @SqlQuery("""
            INSERT INTO franchise (name, slug, created_at, updated_at) VALUES (:name, :slug, :now, :now)
            ON CONFLICT (slug) DO NOTHING
            RETURNING *""")
    Optional<Franchise> insert(@Bind("name") String name, @Bind("slug") String slug, @Bind("now") Instant now);
}
