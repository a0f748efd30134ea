package questlog.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the api_token table. */
@RegisterConstructorMapper(ApiToken.class)
public interface ApiTokenDao {
    String COLUMNS = "id, name, scopes, created_at, last_used_at, revoked_at";

    @SqlQuery("INSERT INTO api_token (name, token_hash, scopes) VALUES (:name, :hash, :scopes) RETURNING " + COLUMNS)
    ApiToken insert(String name, byte[] hash, List<String> scopes);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = :hash")
    Optional<ApiToken> findByHash(byte[] hash);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, name")
    List<ApiToken> list();

    @SqlUpdate("UPDATE api_token SET revoked_at = :at, updated_at = :at WHERE name = :name AND revoked_at IS NULL")
    int revoke(String name, Instant at);

    @SqlQuery("SELECT count(*) > 0 FROM api_token WHERE name = :name")
    boolean exists(String name);

    // ApiTokens calls this at most once a minute per token; the condition spares the write when
    // another instance marked the token within the minute.
    @SqlUpdate("UPDATE api_token SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < CAST(:at AS timestamptz) - interval '1 minute')")
    void touch(UUID id, Instant at);
}
