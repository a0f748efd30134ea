package questlog.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The playthrough table. */
@RegisterConstructorMapper(Playthrough.class)
public interface PlaythroughDao extends SqlObject {
    String COLUMNS = """
            p.id, p.game_id, p.edition_id, p.platform AS platform_key,
            (SELECT pf.name FROM platform pf WHERE pf.key = p.platform) AS platform, p.status, p.started_at, p.completed_at, p.playtime_minutes,
            p.session_minutes, p.session_count, p.playtime_total, p.rating, p.completion, p.notes, p.source,
            p.source_ref, p.created_at, p.updated_at""";

    @SqlQuery("SELECT " + COLUMNS + " FROM playthrough p WHERE p.id = :id")
    Optional<Playthrough> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM playthrough p WHERE p.id = :id FOR UPDATE")
    Optional<Playthrough> lock(@Bind("id") UUID id);

    @SqlQuery("""
            INSERT INTO playthrough AS p (id, game_id, edition_id, platform, status, started_at, completed_at,
                                          playtime_minutes, rating, completion, notes, source, source_ref,
                                          created_at, updated_at)
            VALUES (COALESCE(CAST(:id AS uuid), gen_random_uuid()), :gameId, :v.editionId, :v.platform, :v.statusValue,
                    :v.startedAt, :v.completedAt, :v.playtimeMinutes, :v.rating, :v.completionValue, :v.notes,
                    :v.sourceValue, :v.sourceRef, :now, :now)
            RETURNING""" + " " + COLUMNS)
    Playthrough insert(@Bind("id") UUID id, @Bind("gameId") UUID gameId, @BindMethods("v") PlaythroughValues values,
                       @Bind("now") Instant now);

    /** Imported playthroughs (no dates, playtime or rating), in one statement; rows in the order given. */
    @SqlQuery("""
            INSERT INTO playthrough AS p (game_id, platform, status, notes, source, source_ref, created_at, updated_at)
            SELECT g, pl, st, n, 'import', r, :now, :now
            FROM unnest(:games, :platforms, :statuses, :notes, :refs) WITH ORDINALITY AS t(g, pl, st, n, r, i)
            ORDER BY i
            RETURNING""" + " " + COLUMNS)
    List<Playthrough> insertImported(@Bind("games") UUID[] games, @Bind("platforms") String[] platforms,
                                     @Bind("statuses") String[] statuses, @Bind("notes") String[] notes,
                                     @Bind("refs") String[] sourceRefs, @Bind("now") Instant now);

    @SqlQuery("""
            UPDATE playthrough AS p
            SET edition_id = :v.editionId, platform = :v.platform, status = :v.statusValue,
                started_at = :v.startedAt, completed_at = :v.completedAt, playtime_minutes = :v.playtimeMinutes,
                rating = :v.rating, completion = :v.completionValue, notes = :v.notes, source = :v.sourceValue,
                source_ref = :v.sourceRef, updated_at = :now
            WHERE p.id = :id
            RETURNING""" + " " + COLUMNS)
    Playthrough update(@Bind("id") UUID id, @BindMethods("v") PlaythroughValues values, @Bind("now") Instant now);

    /** Deletes a game's playthroughs (their sessions go by the foreign key); the rows as they were, by id. */
    @SqlQuery("DELETE FROM playthrough AS p WHERE p.game_id = :gameId RETURNING " + COLUMNS)
    List<Playthrough> deleteOfGame(@Bind("gameId") UUID gameId);

    /**
     * New upstream-sourced playthroughs in one statement, row {@code i} from the {@code i}-th of each
     * array; no edition, dates, rating or notes.
     */
    @SqlQuery("""
            INSERT INTO playthrough AS p (game_id, platform, status, playtime_minutes, source, source_ref,
                                          created_at, updated_at)
            SELECT t.game_id, :platform, t.status, t.minutes, :source, t.ref, :now, :now
            FROM unnest(:gameIds, :statuses, :minutes, :refs) AS t(game_id, status, minutes, ref)
            RETURNING""" + " " + COLUMNS)
    List<Playthrough> insertSourced(@Bind("gameIds") UUID[] gameIds, @Bind("statuses") String[] statuses,
                                    @Bind("minutes") Integer[] minutes, @Bind("refs") String[] sourceRefs,
                                    @Bind("platform") String platform, @Bind("source") String source,
                                    @Bind("now") Instant now);

    /** The playthroughs recording these upstream records, locked for an update. */
    @SqlQuery("SELECT " + COLUMNS + " FROM playthrough p WHERE p.source = :source AND p.source_ref = ANY(:refs) FOR UPDATE")
    List<Playthrough> lockBySourceRefs(@Bind("source") String source, @Bind("refs") String[] sourceRefs);

    @SqlUpdate("DELETE FROM playthrough WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM playthrough WHERE source = :source AND source_ref = :ref AND id <> :id)")
    boolean sourceRefTaken(@Bind("source") String source, @Bind("ref") String sourceRef, @Bind("id") UUID exceptId);

    /** A page of {@code GET /api/playthroughs}: filters are bound, the order comes from the whitelist. */
    default List<Playthrough> search(PlaythroughQuery query, UUID gameId) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String sql = "SELECT " + COLUMNS + " FROM playthrough p" + where(query, gameId, binds)
                + " ORDER BY " + query.sort().orderBy() + " LIMIT :limit OFFSET :offset";
        binds.put("limit", query.limit());
        binds.put("offset", query.offset());
        return getHandle().createQuery(sql)
                .bindMap(binds)
                .registerRowMapper(ConstructorMapper.factory(Playthrough.class))
                .mapTo(Playthrough.class)
                .list();
    }

    default long count(PlaythroughQuery query, UUID gameId) {
        Map<String, Object> binds = new LinkedHashMap<>();
        return getHandle().createQuery("SELECT count(*) FROM playthrough p" + where(query, gameId, binds))
                .bindMap(binds)
                .mapTo(Long.class)
                .one();
    }

    /** The WHERE clause of a search; {@code gameId} is the resolved {@code game} filter (null: every game). */
    private static String where(PlaythroughQuery query, UUID gameId, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("p.status = :status");
            binds.put("status", query.status().value());
        }
        if (query.platform() != null) {
            conditions.add("p.platform = platform_key_of(:platform)");
            binds.put("platform", query.platform());
        }
        if (query.year() != null) {
            conditions.add("COALESCE(p.completed_at, p.started_at) >= make_date(:year, 1, 1)"
                    + " AND COALESCE(p.completed_at, p.started_at) < make_date(:year + 1, 1, 1)");
            binds.put("year", query.year());
        }
        if (gameId != null) {
            conditions.add("p.game_id = :gameId");
            binds.put("gameId", gameId);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
