package questlog.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The job table. JSON columns are written as text ({@code CAST(:x AS jsonb)}) by the caller's
 * mapper and read back as trees, so the module needs no JSON plugin on {@code Jdbi}. Public only
 * because JDBI proxies it.
 */
@RegisterRowMapper(JobDao.ViewMapper.class)
public interface JobDao {
    String VIEW = """
            id, type, state, done, total, params::text AS params, result::text AS result, error, cancel_requested,
            attempts, created_at, started_at, finished_at, updated_at""";

    @SqlUpdate("""
            INSERT INTO job (id, type, params, created_at, updated_at)
            VALUES (:id, :type, CAST(:params AS jsonb), :now, :now)""")
    void insert(@Bind("id") UUID id, @Bind("type") String type, @Bind("params") String params, @Bind("now") Instant now);

    /** Inserts unless an active job of this type and key exists (the partial unique index); empty then. */
    @SqlQuery("""
            INSERT INTO job (id, type, dedupe_key, params, created_at, updated_at)
            VALUES (:id, :type, :key, CAST(:params AS jsonb), :now, :now)
            ON CONFLICT (type, dedupe_key) WHERE state IN ('queued', 'running') AND dedupe_key IS NOT NULL DO NOTHING
            RETURNING id""")
    Optional<UUID> insertOnce(@Bind("id") UUID id, @Bind("type") String type, @Bind("key") String key,
                              @Bind("params") String params, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT id FROM job
            WHERE type = :type AND dedupe_key = :key AND state IN ('queued', 'running')""")
    Optional<UUID> findActive(@Bind("type") String type, @Bind("key") String key);

    @SqlQuery("SELECT " + VIEW + " FROM job WHERE id = :id")
    Optional<JobView> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + VIEW + " FROM job WHERE id = :id FOR UPDATE")
    Optional<JobView> lock(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT\s""" + VIEW + """
             FROM job
            WHERE (CAST(:state AS text) IS NULL OR state = :state) AND (CAST(:type AS text) IS NULL OR type = :type)
            ORDER BY created_at DESC, id DESC
            LIMIT :limit OFFSET :offset""")
    List<JobView> list(@Bind("state") String state, @Bind("type") String type, @Bind("limit") int limit,
                       @Bind("offset") int offset);

    @SqlQuery("""
            SELECT count(*) FROM job
            WHERE (CAST(:state AS text) IS NULL OR state = :state) AND (CAST(:type AS text) IS NULL OR type = :type)""")
    long count(@Bind("state") String state, @Bind("type") String type);

    /**
     * The start of a run: only a job still queued or running (revived after a crash or a
     * shutdown) starts; empty when it already ended, so a late task firing is a no-op.
     */
    @SqlQuery("""
            UPDATE job SET state = 'running', attempts = attempts + 1, started_at = coalesce(started_at, :now),
                           updated_at = :now
            WHERE id = :id AND state IN ('queued', 'running')
            RETURNING\s""" + VIEW)
    Optional<JobView> start(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlQuery("SELECT checkpoint::text FROM job WHERE id = :id AND checkpoint IS NOT NULL")
    Optional<String> checkpoint(@Bind("id") UUID id);

    @SqlUpdate("UPDATE job SET done = :done, total = :total, updated_at = :now WHERE id = :id")
    int progress(@Bind("id") UUID id, @Bind("done") long done, @Bind("total") long total, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE job SET checkpoint = CAST(:checkpoint AS jsonb), done = :done, total = :total, updated_at = :now
            WHERE id = :id""")
    int checkpoint(@Bind("id") UUID id, @Bind("checkpoint") String checkpoint, @Bind("done") long done,
                   @Bind("total") long total, @Bind("now") Instant now);

    @SqlQuery("SELECT cancel_requested FROM job WHERE id = :id")
    boolean cancelRequested(@Bind("id") UUID id);

    /** Ends a running job; 0 rows when it is not running (any more). */
    @SqlUpdate("""
            UPDATE job SET state = :state, result = CAST(:result AS jsonb), error = :error, finished_at = :now,
                           updated_at = :now
            WHERE id = :id AND state = 'running'""")
    int finish(@Bind("id") UUID id, @Bind("state") String state, @Bind("result") String result,
               @Bind("error") String error, @Bind("now") Instant now);

    /** A run was interrupted by a shutdown: the job waits for its next start. */
    @SqlUpdate("UPDATE job SET state = 'queued', updated_at = :now WHERE id = :id AND state = 'running'")
    int requeue(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE job SET state = 'cancelled', cancel_requested = true, finished_at = :now, updated_at = :now
            WHERE id = :id AND state = 'queued'""")
    int cancelQueued(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE job SET cancel_requested = true, updated_at = :now
            WHERE id = :id AND state = 'running'""")
    int requestCancel(@Bind("id") UUID id, @Bind("now") Instant now);

    /** Active jobs with no scheduler row: their submit died between commit and scheduling. */
    @SqlQuery("""
            SELECT j.id FROM job j
            WHERE j.state IN ('queued', 'running')
              AND NOT EXISTS (SELECT 1 FROM scheduled_tasks s
                              WHERE s.task_name = :task AND s.task_instance = j.id::text)""")
    List<UUID> orphans(@Bind("task") String taskName);

    /** Maps {@link #VIEW} columns; JSON text becomes trees. */
    final class ViewMapper implements RowMapper<JobView> {
        private static final ObjectMapper TREES = new ObjectMapper();

        @Override
        public JobView map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new JobView(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("state"),
                    rs.getLong("done"), rs.getLong("total"), tree(rs.getString("params")), tree(rs.getString("result")),
                    rs.getString("error"), rs.getBoolean("cancel_requested"), rs.getInt("attempts"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                    instant(rs, "updated_at"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : t.toInstant();
        }

        private static JsonNode tree(String text) throws SQLException {
            if (text == null) {
                return null;
            }
            try {
                return TREES.readTree(text);
            } catch (JsonProcessingException e) {
                throw new SQLException("job JSON column is not JSON", e);
            }
        }
    }
}
