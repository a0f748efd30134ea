package questlog.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
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

    void recordEvents(Handle h, PlaythroughService playthroughs, EventLog events) {
        Map<String, List<PlaythroughEvent>> byType = new LinkedHashMap<>();
        collect(h, playthroughs, created, true, byType);
        collect(h, playthroughs, changed, false, byType);
        byType.forEach((type, payloads) -> events.appendAll(h, type, payloads));
    }

    private static void collect(Handle h, PlaythroughService playthroughs, List<UUID> ids, boolean wereCreated,
                                Map<String, List<PlaythroughEvent>> byType) {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Playthrough> rows = h.createQuery("SELECT " + PlaythroughDao.COLUMNS
                            + " FROM playthrough p WHERE p.id = ANY(:ids) ORDER BY p.created_at, p.id")
                    .bindArray("ids", UUID.class, ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .map(ConstructorMapper.of(Playthrough.class))
                    .list();
            for (PlaythroughResponse response : playthroughs.responses(h, rows)) {
                String type = wereCreated ? PlaythroughService.eventType(null, response.status())
                        : EventTypes.PLAYTHROUGH_UPDATED;
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(PlaythroughEvent.of(response));
            }
        }
    }
}
