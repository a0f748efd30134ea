package questlog.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;

/**
 * The playthroughs one import created or changed, and their events, recorded after every section
 * was loaded: for a created one the event the API would record for it (added, started or
 * complete, by its status: {@link PlaythroughService#eventType}), {@code playthrough_updated} for
 * a changed one. Unchanged records make no event, so importing the same document twice announces
 * nothing the second time.
 *
 * <p>The payloads are built in the database ({@link EventLog#appendSelected}), as
 * {@link PlaythroughEvent#of} would write the playthrough the API shows; JournalDatasetTest
 * compares the two.
 */
final class ImportedPlaythroughs {
    /** Each playthrough of {@code :ids} as {@link PlaythroughEvent}, with its event's type; oldest first, as the API lists them. */
    private static final String EVENTS = """
            SELECT CASE WHEN NOT :created THEN :updatedType
                        WHEN p.status = 'playing' THEN :startedType
                        WHEN p.status = 'completed' THEN :completeType
                        ELSE :addedType END,
                   jsonb_build_object('playthrough_id', p.id, 'game', g.slug, 'work', g.name, 'edition', e.name,
                                      'platform', pf.name, 'platform_key', p.platform, 'status', p.status,
                                      'started_at', p.started_at, 'completed_at', p.completed_at,
                                      'playtime_hours', round(p.playtime_total / 60.0, 1), 'rating', p.rating,
                                      'deleted', false)
            FROM unnest(CAST(:ids AS uuid[])) AS w(id)
            JOIN playthrough p ON p.id = w.id
            JOIN game_ref g ON g.id = p.game_id
            LEFT JOIN edition_ref e ON e.id = p.edition_id
            LEFT JOIN platform pf ON pf.key = p.platform
            ORDER BY p.created_at, p.id""";
    private static final Set<String> CREATED_TYPES = Set.of(EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_STARTED,
            EventTypes.PLAYTHROUGH_COMPLETE);

    private final List<UUID> created = new ArrayList<>();
    private final List<UUID> changed = new ArrayList<>();

    void add(UUID id, boolean wasCreated) {
        (wasCreated ? created : changed).add(id);
    }

    int created() {
        return created.size();
    }

    int changed() {
        return changed.size();
    }

    /** Appends the events: the created playthroughs', then the changed ones'. */
    void recordEvents(Handle h, EventLog events) {
        record(h, events, created, true);
        record(h, events, changed, false);
    }

    private static void record(Handle h, EventLog events, List<UUID> ids, boolean wereCreated) {
        if (ids.isEmpty()) {
            return;
        }
        events.appendSelected(h, wereCreated ? CREATED_TYPES : Set.of(EventTypes.PLAYTHROUGH_UPDATED), EVENTS, Map.of(
                "ids", ids.toArray(UUID[]::new), "created", wereCreated,
                "addedType", EventTypes.PLAYTHROUGH_ADDED, "startedType", EventTypes.PLAYTHROUGH_STARTED,
                "completeType", EventTypes.PLAYTHROUGH_COMPLETE, "updatedType", EventTypes.PLAYTHROUGH_UPDATED));
    }
}
