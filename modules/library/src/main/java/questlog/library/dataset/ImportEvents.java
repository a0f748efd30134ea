package questlog.library.dataset;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.library.catalog.GameEvent;

/**
 * The events of an import, recorded in its transaction after it wrote: {@code game_added} for
 * every game it created and {@code game_updated} for every existing game it changed (the game
 * itself, its genres or its editions). Imports stamp what they write with one {@code now}, so
 * that is how their changes are found.
 */
final class ImportEvents {
    private ImportEvents() {}

    static void record(Handle h, EventLog events, OffsetDateTime now) {
        List<GameEvent> added = new ArrayList<>();
        List<GameEvent> updated = new ArrayList<>();
        h.createQuery("""
                SELECT g.slug, g.name, f.slug AS franchise, g.original_release_year, g.platforms, g.cover_url,
                       g.created_at = :now AS created
                FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id
                WHERE g.updated_at = :now
                   OR EXISTS (SELECT 1 FROM edition e WHERE e.game_id = g.id AND e.updated_at = :now)
                ORDER BY g.name, g.slug
                """)
                .bind("now", now)
                .map((rs, ctx) -> {
                    Integer year = rs.getObject("original_release_year", Integer.class);
                    List<String> platforms = List.of((String[]) rs.getArray("platforms").getArray());
                    GameEvent event = new GameEvent(rs.getString("slug"), rs.getString("name"), rs.getString("franchise"),
                            year, platforms, rs.getString("cover_url"), null, null);
                    (rs.getBoolean("created") ? added : updated).add(event);
                    return event;
                })
                .list();
        events.appendAll(h, EventTypes.GAME_ADDED, added);
        events.appendAll(h, EventTypes.GAME_UPDATED, updated);
    }
}
