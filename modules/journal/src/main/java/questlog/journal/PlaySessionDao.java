package questlog.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The play_session table, and the session totals it keeps on its playthrough. */
@RegisterConstructorMapper(PlaySession.class)
public interface PlaySessionDao {
    String COLUMNS = "id, playthrough_id, started_at, minutes, note, created_at";

    @SqlQuery("""
            INSERT INTO play_session (playthrough_id, started_at, minutes, note, created_at, updated_at)
            VALUES (:playthroughId, :startedAt, :minutes, :note, :now, :now)
            RETURNING""" + " " + COLUMNS)
    PlaySession insert(@Bind("playthroughId") UUID playthroughId, @Bind("startedAt") Instant startedAt,
                       @Bind("minutes") int minutes, @Bind("note") String note, @Bind("now") Instant now);

    @SqlQuery("""
            UPDATE play_session SET started_at = :startedAt, minutes = :minutes, note = :note, updated_at = :now
            WHERE playthrough_id = :playthroughId AND id = :id
            RETURNING""" + " " + COLUMNS)
    PlaySession update(@Bind("playthroughId") UUID playthroughId, @Bind("id") UUID id, @Bind("startedAt") Instant startedAt,
                       @Bind("minutes") int minutes, @Bind("note") String note, @Bind("now") Instant now);

    @SqlQuery("DELETE FROM play_session WHERE playthrough_id = :playthroughId AND id = :id RETURNING " + COLUMNS)
    Optional<PlaySession> delete(@Bind("playthroughId") UUID playthroughId, @Bind("id") UUID id);

    /** Applies a changed or removed session to its playthrough's totals (same transaction as the change). */
    @SqlUpdate("""
            UPDATE playthrough
            SET session_minutes = session_minutes + :minutes, session_count = session_count + :count, updated_at = :now
            WHERE id = :id""")
    void changeTotals(@Bind("id") UUID playthroughId, @Bind("minutes") int minutesDelta, @Bind("count") int countDelta,
                      @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM play_session WHERE playthrough_id = :playthroughId AND id = :id")
    Optional<PlaySession> find(@Bind("playthroughId") UUID playthroughId, @Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM play_session WHERE playthrough_id = :id ORDER BY started_at, created_at, id")
    List<PlaySession> ofPlaythrough(@Bind("id") UUID playthroughId);
}
