package questlog.journal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The platform table: one canonical key per platform, with a display name and aliases (see the
 * journal's platforms migration). Names are turned into keys by the database's
 * {@code platform_key_for}, the same function the migration normalised the existing data with.
 */
public interface PlatformDao extends SqlObject {

    /** The key of a platform name being written; a name not seen before registers a new platform. */
    @SqlQuery("SELECT platform_key_for(:raw)")
    String keyFor(@Bind("raw") String raw);

    /** A page of every platform by name (then key), with its number of playthroughs. */
    @SqlQuery("""
            SELECT pf.key, pf.name, pf.known, (SELECT count(*) FROM playthrough p WHERE p.platform = pf.key) AS playthroughs
            FROM platform pf
            ORDER BY lower(pf.name), pf.key
            LIMIT :limit OFFSET :offset""")
    @RegisterConstructorMapper(PlatformResponse.class)
    List<PlatformResponse> page(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM platform")
    long count();

    /** {@link #keyFor} for many names at once (dataset imports), by name. */
    default Map<String, String> keysFor(Collection<String> raws) {
        Map<String, String> keys = new HashMap<>();
        if (raws.isEmpty()) {
            return keys;
        }
        getHandle().createQuery("SELECT raw, platform_key_for(raw) AS key FROM unnest(CAST(:raws AS text[])) AS raw")
                .bindArray("raws", String.class, raws.toArray())
                .map((rs, ctx) -> Map.entry(rs.getString("raw"), rs.getString("key")))
                .forEach(e -> keys.put(e.getKey(), e.getValue()));
        return keys;
    }
}
