package questlog.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;

/**
 * The playthroughs one import created or changed, and their events, recorded after every section
 * was loaded: for a created one the event the API would record for it (added, started or
 * complete, by its status), {@code playthrough_updated} for a changed one. Unchanged records make
 * no event, so importing the same document twice announces nothing the second time.
 */
final class ImportedPlaythroughs {
    private static final int CHUNK = 5000;

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

    /** Appends the events a chunk of playthroughs at a time, so that an import of any size holds one chunk's events. */
    void recordEvents(Handle h, EventLog events) {
        record(h, events, created, true);
        record(h, events, changed, false);
    }

    private static void record(Handle h, EventLog events, List<UUID> ids, boolean wereCreated) {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            Map<String, List<PlaythroughEvent>> byType = new LinkedHashMap<>();
            for (PlaythroughResponse response : PlaythroughReads.withGames(h, ids.subList(from, Math.min(ids.size(), from + CHUNK)))) {
                String type = wereCreated ? PlaythroughService.eventType(null, response.status())
                        : EventTypes.PLAYTHROUGH_UPDATED;
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(PlaythroughEvent.of(response));
            }
            byType.forEach((type, payloads) -> events.appendAll(h, type, payloads));
        }
    }
}
