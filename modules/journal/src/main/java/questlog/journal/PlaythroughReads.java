package questlog.journal;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.JdbcReads;

/**
 * The journal's hot read on plain JDBC ({@link JdbcReads}): a game's playthroughs for its detail,
 * on the caller's handle, as the same records {@link PlaythroughDao#ofGame} builds.
 */
final class PlaythroughReads {
    private PlaythroughReads() {}

    private static final String OF_GAME = """
            SELECT p.id, p.game_id, p.edition_id, (SELECT pf.name FROM platform pf WHERE pf.key = p.platform),
                   p.platform, p.status, p.started_at, p.completed_at, p.playtime_minutes, p.session_minutes,
                   p.session_count, p.playtime_total, p.rating, p.completion, p.notes, p.source, p.source_ref,
                   p.created_at, p.updated_at
            FROM playthrough p WHERE p.game_id = ?
            ORDER BY p.completed_at DESC NULLS LAST, p.created_at DESC, p.id DESC""";

    /** Every playthrough of one game, newest completion first. */
    static List<Playthrough> ofGame(Handle h, UUID gameId) {
        return JdbcReads.list(h, OF_GAME, rs -> new Playthrough(JdbcReads.uuid(rs, 1), JdbcReads.uuid(rs, 2),
                JdbcReads.uuid(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6), JdbcReads.date(rs, 7),
                JdbcReads.date(rs, 8), JdbcReads.integer(rs, 9), rs.getInt(10), rs.getInt(11),
                JdbcReads.integer(rs, 12), JdbcReads.integer(rs, 13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), JdbcReads.instant(rs, 18), JdbcReads.instant(rs, 19)), gameId);
    }
}
