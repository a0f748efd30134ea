package questlog.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;

/**
 * The journal's hot read on plain JDBC ({@link JdbcReads}): a game's playthroughs for its detail
 * (the library sends the statement with its own), from the same columns as
 * {@link PlaythroughDao#COLUMNS}, each with its edition from the library's {@code edition_ref}
 * view ({@link GameLookup#EDITION_REF}) in the same statement.
 */
final class PlaythroughReads {
    private PlaythroughReads() {}

    /**
     * Columns 1 to 21: the playthrough's own (read by {@link #playthrough}),
     * then its edition's slug and name (by {@link #edition}); {@code e} is the edition.
     */
    private static final String COLUMNS = """
            p.id, p.game_id, p.edition_id, (SELECT pf.name FROM platform pf WHERE pf.key = p.platform),
                   p.platform, p.status, p.started_at, p.completed_at, p.playtime_minutes, p.session_minutes,
                   p.session_count, p.playtime_total, p.rating, p.completion, p.notes, p.source, p.source_ref,
                   p.created_at, p.updated_at, e.slug, e.name
            """;

    /** Every playthrough of one game ({@code :game}), newest completion first: a game detail section's statement. */
    static final String OF_GAME = "SELECT " + COLUMNS + """
            FROM playthrough p LEFT JOIN edition_ref e ON e.id = p.edition_id
            WHERE p.game_id = :game
            ORDER BY p.completed_at DESC NULLS LAST, p.created_at DESC, p.id DESC""";

    /** The rows of {@link #OF_GAME}, as the game detail shows them: {@code game} is the one the detail read. */
    static List<PlaythroughResponse> ofGame(ResultSet rs, GameLookup.GameRef game) throws SQLException {
        List<PlaythroughResponse> out = new ArrayList<>();
        while (rs.next()) {
            Playthrough p = playthrough(rs);
            out.add(PlaythroughResponse.from(p, game, edition(rs, p, game.id())));
        }
        return out;
    }

    /** Columns 1 to 19: the playthrough's own. */
    private static Playthrough playthrough(ResultSet rs) throws SQLException {
        return new Playthrough(JdbcReads.uuid(rs, 1), JdbcReads.uuid(rs, 2),
                JdbcReads.uuid(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6), JdbcReads.date(rs, 7),
                JdbcReads.date(rs, 8), JdbcReads.integer(rs, 9), rs.getInt(10), rs.getInt(11),
                JdbcReads.integer(rs, 12), JdbcReads.integer(rs, 13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), JdbcReads.instant(rs, 18), JdbcReads.instant(rs, 19));
    }

    /** Columns 20 and 21: the edition's slug and name, null without an edition. */
    private static GameLookup.EditionRef edition(ResultSet rs, Playthrough p, UUID gameId) throws SQLException {
        return p.editionId() == null ? null : new GameLookup.EditionRef(p.editionId(), rs.getString(20), rs.getString(21), gameId);
    }
}
