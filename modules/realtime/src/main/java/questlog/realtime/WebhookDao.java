package questlog.realtime;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The webhook table. Delivery state changes only under the caller's lease
 * ({@code lease_owner = :owner}); times come from the database clock, shared by all instances.
 */
@RegisterConstructorMapper(Webhook.class)
public interface WebhookDao {
    String COLUMNS = """
            id, url, types, secret, status, last_event_id, consecutive_failures, last_error, last_attempt_at,
            last_success_at, next_attempt_at, paused_at, created_at, updated_at""";

    @SqlQuery("INSERT INTO webhook (url, types, secret, last_event_id) "
            + "VALUES (:url, :types, :secret, (SELECT coalesce(max(id), 0) FROM event)) RETURNING " + COLUMNS)
    Webhook insert(@Bind("url") String url, @Bind("types") String[] types, @Bind("secret") String secret);

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<Webhook> list(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM webhook")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook WHERE id = :id")
    Optional<Webhook> find(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM webhook WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @SqlQuery("""
            UPDATE webhook SET status = 'active', consecutive_failures = 0, next_attempt_at = NULL, paused_at = NULL,
                               updated_at = now()
            WHERE id = :id RETURNING\s""" + COLUMNS)
    Optional<Webhook> resume(@Bind("id") UUID id);

    /** Active webhooks with undelivered events whose retry time has come and that nobody holds. */
    @SqlQuery("""
            SELECT id FROM webhook
            WHERE status = 'active'
              AND (next_attempt_at IS NULL OR next_attempt_at <= now())
              AND (lease_until IS NULL OR lease_until < now())
              AND last_event_id < (SELECT coalesce(max(id), 0) FROM event)
            ORDER BY next_attempt_at NULLS FIRST, id
            """)
    List<UUID> due();

    /** Milliseconds until the earliest scheduled retry; empty when none is scheduled (no row, not 0). */
    @SqlQuery("""
            SELECT CAST(greatest(0, extract(epoch FROM min(next_attempt_at) - now()) * 1000) AS bigint)
            FROM webhook WHERE status = 'active' AND next_attempt_at IS NOT NULL
            HAVING min(next_attempt_at) IS NOT NULL
            """)
    Optional<Long> millisUntilNextRetry();

    @SqlQuery("""
            UPDATE webhook SET lease_owner = :owner, lease_until = now() + make_interval(secs => :seconds)
            WHERE id = :id AND status = 'active'
              AND (lease_until IS NULL OR lease_until < now() OR lease_owner = :owner)
            RETURNING\s""" + COLUMNS)
    Optional<Webhook> claim(@Bind("id") UUID id, @Bind("owner") String owner, @Bind("seconds") double seconds);

    /** Moves the cursor after deliveries (or skipped types) and extends the lease; 0 rows means the lease is lost. */
    @SqlUpdate("""
            UPDATE webhook SET last_event_id = greatest(last_event_id, :lastEventId),
                               consecutive_failures = CASE WHEN :delivered THEN 0 ELSE consecutive_failures END,
                               last_success_at = CASE WHEN :delivered THEN now() ELSE last_success_at END,
                               last_attempt_at = CASE WHEN :delivered THEN now() ELSE last_attempt_at END,
                               next_attempt_at = NULL,
                               lease_until = now() + make_interval(secs => :seconds), updated_at = now()
            WHERE id = :id AND lease_owner = :owner
            """)
    int advance(@Bind("id") UUID id, @Bind("owner") String owner, @Bind("lastEventId") long lastEventId,
                @Bind("delivered") boolean delivered, @Bind("seconds") double seconds);

    /** Records a failed attempt, schedules the retry or pauses, and gives up the lease. */
    @SqlQuery("""
            UPDATE webhook SET consecutive_failures = consecutive_failures + 1,
                               last_error = :error, last_attempt_at = now(),
                               status = CASE WHEN consecutive_failures + 1 >= :maxFailures THEN 'paused' ELSE status END,
                               paused_at = CASE WHEN consecutive_failures + 1 >= :maxFailures THEN now() ELSE paused_at END,
                               next_attempt_at = CASE WHEN consecutive_failures + 1 >= :maxFailures THEN NULL
                                                      ELSE now() + make_interval(secs => :retryInSeconds) END,
                               lease_owner = NULL, lease_until = NULL, updated_at = now()
            WHERE id = :id AND lease_owner = :owner
            RETURNING\s""" + COLUMNS)
    Optional<Webhook> failed(@Bind("id") UUID id, @Bind("owner") String owner, @Bind("error") String error,
                             @Bind("maxFailures") int maxFailures, @Bind("retryInSeconds") double retryInSeconds);

    @SqlUpdate("UPDATE webhook SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
    int release(@Bind("id") UUID id, @Bind("owner") String owner);

    /** Gives up every lease {@code owner} holds (an instance that stops). */
    @SqlUpdate("UPDATE webhook SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = :owner")
    int releaseAll(@Bind("owner") String owner);

    /** A stored secret (sealed, or plain text from before encryption). */
    record StoredSecret(UUID id, String secret) {}

    /** Every stored secret, locked until the transaction ends, for re-sealing. */
    @SqlQuery("SELECT id, secret FROM webhook WHERE secret IS NOT NULL ORDER BY id FOR UPDATE")
    @RegisterConstructorMapper(StoredSecret.class)
    List<StoredSecret> secretsForUpdate();

    /** Replaces the stored form of a secret (not its value): not a change users see, so updated_at stays. */
    @SqlUpdate("UPDATE webhook SET secret = :secret WHERE id = :id")
    int replaceSecret(@Bind("id") UUID id, @Bind("secret") String secret);
}
