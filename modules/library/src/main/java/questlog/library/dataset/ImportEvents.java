package questlog.library.dataset;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.library.catalog.GameEvent;

/**
 * The events of an import, recorded in its transaction after it wrote: {@code game_added} for
 * every game it created and {@code game_updated} for every existing game it changed (the game
 * itself, its genres, editions or external ids). The writer says which games those are (an
 * import in Questlog's own format keeps the document's timestamps, so they cannot tell).
 */
final class ImportEvents {
    /**
     * {@link GameEvent#of} each game, built in the database ({@link EventLog#appendSelected});
     * the created ones first, each kind by name. LibraryEventsTest compares them with the record.
     */
    private static final String EVENTS = """
            SELECT CASE WHEN w.created THEN :addedType ELSE :updatedType END,
                   jsonb_build_object('game', g.slug, 'work', g.name, 'franchise', f.slug,
                                      'original_release_year', g.original_release_year, 'platforms', to_jsonb(g.platforms),
                                      'cover_url', g.cover_url, 'changed', NULL, 'previous_game', NULL)
            FROM (SELECT id, true AS created FROM unnest(CAST(:created AS uuid[])) AS c(id)
                  UNION ALL
                  SELECT id, false FROM unnest(CAST(:changed AS uuid[])) AS c(id)) AS w
            JOIN game g ON g.id = w.id
            LEFT JOIN franchise f ON f.id = g.franchise_id
            ORDER BY w.created DESC, g.name, g.slug""";

    private ImportEvents() {}

    /** For an import that stamps what it writes with one {@code now} (the original Questlog's body): found by that. */
    static void record(Handle h, EventLog events, java.time.OffsetDateTime now) {
        Set<UUID> created = new HashSet<>();
        Set<UUID> changed = new HashSet<>();
        h.createQuery("""
                SELECT g.id, g.created_at = :now AS created
                FROM game g
                WHERE g.updated_at = :now
                   OR EXISTS (SELECT 1 FROM edition e WHERE e.game_id = g.id AND e.updated_at = :now)""")
                .bind("now", now)
                .map((rs, ctx) -> (rs.getBoolean("created") ? created : changed).add(rs.getObject("id", UUID.class)))
                .list();
        record(h, events, created, changed);
    }

    static void record(Handle h, EventLog events, Set<UUID> created, Set<UUID> changed) {
        if (created.isEmpty() && changed.isEmpty()) {
            return;
        }
        Set<UUID> onlyChanged = new HashSet<>(changed);
        onlyChanged.removeAll(created); // a game created is announced as added, whatever else the import did to it
        events.appendSelected(h, Set.of(EventTypes.GAME_ADDED, EventTypes.GAME_UPDATED), EVENTS, Map.of(
                "created", created.toArray(UUID[]::new), "changed", onlyChanged.toArray(UUID[]::new),
                "addedType", EventTypes.GAME_ADDED, "updatedType", EventTypes.GAME_UPDATED));
    }
}
