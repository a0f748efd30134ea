package questlog.profiles;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code profile_snapshot} table: a profile's history. */
@RegisterConstructorMapper(ProfileSnapshot.class)
public interface ProfileSnapshotDao {

    @SqlQuery("""
            SELECT id, profile_id, taken_at, data, changes FROM profile_snapshot WHERE profile_id = :profile
            ORDER BY taken_at DESC, id DESC LIMIT 1""")
    Optional<ProfileSnapshot> latest(@Bind("profile") UUID profileId);

    @SqlQuery("""
            SELECT id, profile_id, taken_at, data, changes FROM profile_snapshot WHERE profile_id = :profile
            ORDER BY taken_at DESC, id DESC LIMIT :limit""")
    List<ProfileSnapshot> history(@Bind("profile") UUID profileId, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM profile_snapshot WHERE profile_id = :profile")
    long count(@Bind("profile") UUID profileId);

    @SqlUpdate("""
            INSERT INTO profile_snapshot (id, profile_id, taken_at, data, changes, created_at, updated_at)
            VALUES (:id, :profile, :at, CAST(:data AS jsonb), CAST(:changes AS jsonb), :at, :at)""")
    void insert(@Bind("id") UUID id, @Bind("profile") UUID profileId, @Bind("at") OffsetDateTime takenAt,
                @Bind("data") String data, @Bind("changes") String changes);
}
