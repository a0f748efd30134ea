package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The list_activity table: appended to by every change, read newest first. */
@RegisterConstructorMapper(ListActivity.class)
public interface ListActivityDao {
    String COLUMNS = "id, seq, list_id, at, verb, entries, CAST(metadata AS text) AS metadata";

    /** One activity row; also run as a batch by the dataset import. */
    String APPEND = """
            INSERT INTO list_activity (list_id, at, verb, entries, metadata, created_at, updated_at)
            VALUES (:listId, :at, :verb, :entries, CAST(:metadata AS jsonb), :at, :at)""";

    @SqlUpdate(APPEND)
    void append(@Bind("listId") UUID listId, @Bind("at") Instant at, @Bind("verb") String verb,
                @Bind("entries") List<String> entries, @Bind("metadata") String metadata);

    @SqlQuery("SELECT " + COLUMNS + " FROM list_activity WHERE list_id = :listId ORDER BY seq DESC LIMIT :limit")
    List<ListActivity> newestFirst(@Bind("listId") UUID listId, @Bind("limit") int limit);
}
