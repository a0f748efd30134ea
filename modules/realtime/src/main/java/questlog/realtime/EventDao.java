package questlog.realtime;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The event table. Reads are in id order, which is commit order (see the migration's ordering
 * lock). A {@code types} array that is empty means every type.
 */
@RegisterConstructorMapper(Event.class)
public interface EventDao {

    @SqlUpdate("INSERT INTO event (type, payload) VALUES (:type, CAST(:payload AS jsonb))")
    void insert(@Bind("type") String type, @Bind("payload") String payload);

    /** One statement for many events; ids follow the array's order (nextval runs after the sort). */
    @SqlUpdate("""
            INSERT INTO event (type, payload)
            SELECT :type, CAST(p AS jsonb) FROM unnest(CAST(:payloads AS text[])) WITH ORDINALITY AS t(p, n)
            ORDER BY n
            """)
    int insertAll(@Bind("type") String type, @Bind("payloads") String[] payloads);

    @SqlQuery("""
            SELECT id, type, payload::text AS payload, created_at
            FROM event
            WHERE id > :after AND id <= :upTo AND (cardinality(CAST(:types AS text[])) = 0 OR type = ANY(CAST(:types AS text[])))
            ORDER BY id
            LIMIT :limit
            """)
    List<Event> page(@Bind("after") long after, @Bind("upTo") long upTo, @Bind("types") String[] types,
                     @Bind("limit") int limit);

    @SqlQuery("""
            SELECT count(*) FROM event
            WHERE id > :after AND (cardinality(CAST(:types AS text[])) = 0 OR type = ANY(CAST(:types AS text[])))
            """)
    long countAfter(@Bind("after") long after, @Bind("types") String[] types);

    @SqlQuery("SELECT coalesce(max(id), 0) FROM event")
    long latestId();
}
