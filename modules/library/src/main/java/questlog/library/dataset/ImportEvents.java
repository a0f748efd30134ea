package questlog.library.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        Set<UUID> all = new HashSet<>(created);
        all.addAll(changed);
        if (all.isEmpty()) {
            return;
        }
        List<GameEvent> added = new ArrayList<>();
        List<GameEvent> updated = new ArrayList<>();
        h.createQuery("""
                SELECT g.id, g.slug, g.name, f.slug AS franchise, g.original_release_year, g.platforms, g.cover_url
                FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id
                WHERE g.id = ANY(:ids)
                ORDER BY g.name, g.slug
                """)
                .bindArray("ids", UUID.class, all)
                .map((rs, ctx) -> {
                    Integer year = rs.getObject("original_release_year", Integer.class);
                    List<String> platforms = List.of((String[]) rs.getArray("platforms").getArray());
                    GameEvent event = new GameEvent(rs.getString("slug"), rs.getString("name"), rs.getString("franchise"),
                            year, platforms, rs.getString("cover_url"), null, null);
                    (created.contains(rs.getObject("id", UUID.class)) ? added : updated).add(event);
                    return event;
                })
                .list();
        events.appendAll(h, EventTypes.GAME_ADDED, added);
        events.appendAll(h, EventTypes.GAME_UPDATED, updated);
    }
}
