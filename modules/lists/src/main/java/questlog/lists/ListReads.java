package questlog.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;

/**
 * The lists' hot reads on plain JDBC ({@link JdbcReads}), on the caller's handle: a list with its
 * entries and their games (the list detail) and the lists a game is in (its section of the game detail). They
 * read the columns {@link ListDao} and {@link ListEntryDao} read.
 */
final class ListReads {
    private ListReads() {}

    /**
     * A list and its entries in display order with their games (the library's {@code game_ref}
     * view, {@link GameLookup#GAME_REF}); one row with null entry columns for an empty list.
     */
    private static final String LIST_WITH_ENTRIES = """
            SELECT l.id, l.slug, l.name, l.description, l.is_ranked, l.is_public, l.created_at, l.updated_at,
                   e.id, e.list_id, e.game_id, e.position, e.notes, e.added_at, e.created_at, e.updated_at,
                   g.slug, g.name
            FROM list l LEFT JOIN (list_entry e JOIN game_ref g ON g.id = e.game_id) ON e.list_id = l.id
            WHERE l.slug = ? AND (l.is_public OR ?)
            ORDER BY""" + " " + ListEntryDao.DISPLAY_ORDER;

    /**
     * The lists a game ({@code :game}) is in, by list name; private lists only when {@code :private}:
     * a game detail section's statement.
     */
    static final String LISTS_OF_GAME = """
            SELECT l.id, l.slug, l.name, l.is_ranked, l.is_public, e.position, e.notes, e.added_at
            FROM list_entry e JOIN list l ON l.id = e.list_id
            WHERE e.game_id = :game AND (l.is_public OR :private)
            ORDER BY l.name, l.slug""";

    /**
     * The list's detail, when it exists and the reader may see it; private lists only {@code withPrivate}.
     * One statement: the list, its entries and their games' names come from one snapshot, so it
     * needs no transaction (a game renamed meanwhile is seen either before or after, everywhere).
     */
    static Optional<ListDetailResponse> find(Handle h, String slug, boolean withPrivate) {
        return JdbcReads.run(h, LIST_WITH_ENTRIES, new Object[] {slug, withPrivate}, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<EntryResponse> entries = new ArrayList<>();
                UUID id = JdbcReads.uuid(rs, 1);
                String listSlug = rs.getString(2);
                String name = rs.getString(3);
                String description = rs.getString(4);
                boolean ranked = rs.getBoolean(5);
                boolean isPublic = rs.getBoolean(6);
                var createdAt = JdbcReads.instant(rs, 7);
                var updatedAt = JdbcReads.instant(rs, 8);
                do {
                    if (rs.getObject(9) != null) {
                        ListEntry entry = entry(rs);
                        entries.add(EntryResponse.from(entry,
                                new GameLookup.GameRef(entry.gameId(), rs.getString(17), rs.getString(18))));
                    }
                } while (rs.next());
                return Optional.of(ListDetailResponse.from(new GameList(id, listSlug, name, description, ranked,
                        isPublic, entries.size(), createdAt, updatedAt), entries));
            }
        });
    }

    /** The rows of {@link #LISTS_OF_GAME}. */
    static List<GameListMembership> listsOfGame(ResultSet rs) throws SQLException {
        return JdbcReads.rows(rs, row -> new GameListMembership(JdbcReads.uuid(row, 1), row.getString(2),
                row.getString(3), row.getBoolean(4), row.getBoolean(5), JdbcReads.integer(row, 6), row.getString(7),
                JdbcReads.instant(row, 8)));
    }

    /** Columns 9 to 16 of {@link #LIST_WITH_ENTRIES}. */
    private static ListEntry entry(ResultSet rs) throws SQLException {
        return new ListEntry(JdbcReads.uuid(rs, 9), JdbcReads.uuid(rs, 10), JdbcReads.uuid(rs, 11),
                JdbcReads.integer(rs, 12), rs.getString(13), JdbcReads.instant(rs, 14), JdbcReads.instant(rs, 15),
                JdbcReads.instant(rs, 16));
    }
}
