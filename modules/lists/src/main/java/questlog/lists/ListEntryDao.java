package questlog.lists;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The list_entry table. The position-changing statements are only called with the list row
 * locked (see {@link ListDao#lock}); each keeps positions 1..n once the operation completes.
 */
@RegisterConstructorMapper(ListEntry.class)
public interface ListEntryDao extends SqlObject {
    String COLUMNS = "e.id, e.list_id, e.game_id, e.position, e.notes, e.added_at, e.created_at, e.updated_at";
    /** The order every list is shown in: position (unranked entries have none), newest first, then id. */
    String DISPLAY_ORDER = "e.position ASC NULLS LAST, e.added_at DESC, e.id";

    @SqlQuery("SELECT " + COLUMNS + " FROM list_entry e WHERE e.list_id = :listId ORDER BY " + DISPLAY_ORDER)
    List<ListEntry> ofList(@Bind("listId") UUID listId);

    @SqlQuery("SELECT " + COLUMNS + " FROM list_entry e WHERE e.list_id = :listId AND e.game_id = :gameId")
    Optional<ListEntry> find(@Bind("listId") UUID listId, @Bind("gameId") UUID gameId);

    @SqlQuery("SELECT game_id FROM list_entry WHERE list_id = :listId")
    List<UUID> gameIds(@Bind("listId") UUID listId);

    @SqlQuery("""
            INSERT INTO list_entry AS e (id, list_id, game_id, position, notes, added_at, created_at, updated_at)
            VALUES (COALESCE(CAST(:id AS uuid), gen_random_uuid()), :listId, :gameId, :position, :notes, :addedAt,
                    :now, :now)
            RETURNING""" + " " + COLUMNS)
    ListEntry insert(@Bind("id") UUID id, @Bind("listId") UUID listId, @Bind("gameId") UUID gameId,
                     @Bind("position") Integer position, @Bind("notes") String notes,
                     @Bind("addedAt") Instant addedAt, @Bind("now") Instant now);

    /** Makes room at {@code position}: it and every later entry move down by one. */
    @SqlUpdate("""
            UPDATE list_entry SET position = position + 1, updated_at = :now
            WHERE list_id = :listId AND position >= :position""")
    void makeRoom(@Bind("listId") UUID listId, @Bind("position") int position, @Bind("now") Instant now);

    /** Closes the gap a removal left at {@code position}: every later entry moves up by one. */
    @SqlUpdate("""
            UPDATE list_entry SET position = position - 1, updated_at = :now
            WHERE list_id = :listId AND position > :position""")
    void closeGap(@Bind("listId") UUID listId, @Bind("position") int position, @Bind("now") Instant now);

    /** Moves one entry from {@code from} to {@code to}; the entries in between shift by one towards the gap. */
    @SqlUpdate("""
            UPDATE list_entry
            SET position = CASE WHEN id = :id THEN :to
                                WHEN :from < :to THEN position - 1
                                ELSE position + 1 END,
                updated_at = :now
            WHERE list_id = :listId AND position BETWEEN least(:from, :to) AND greatest(:from, :to)""")
    void move(@Bind("listId") UUID listId, @Bind("id") UUID entryId, @Bind("from") int from, @Bind("to") int to,
              @Bind("now") Instant now);

    @SqlUpdate("UPDATE list_entry SET notes = :notes, updated_at = :now WHERE id = :id")
    void setNotes(@Bind("id") UUID entryId, @Bind("notes") String notes, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM list_entry WHERE id = :id")
    int delete(@Bind("id") UUID entryId);

    /** An unranked list's entries lose their positions. */
    @SqlUpdate("UPDATE list_entry SET position = NULL, updated_at = :now WHERE list_id = :listId AND position IS NOT NULL")
    void clearPositions(@Bind("listId") UUID listId, @Bind("now") Instant now);

    /** Gives every entry the position of its game in {@code gameIds} (1-based); the list's whole order at once. */
    default void setOrder(UUID listId, List<UUID> gameIds, Instant now) {
        getHandle().createUpdate("""
                        UPDATE list_entry e SET position = o.ord, updated_at = :now
                        FROM unnest(:ids) WITH ORDINALITY AS o(game_id, ord)
                        WHERE e.list_id = :listId AND e.game_id = o.game_id""")
                .bind("listId", listId)
                .bindArray("ids", UUID.class, gameIds)
                .bind("now", now)
                .execute();
    }
}
