package questlog.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The events of one write that spans several modules (an import), collected while each module
 * writes its part and appended together at the end, because {@link EventLog} wants events last
 * in their transaction. Events of one type keep their order; types keep the order of their first event.
 */
public final class CollectedEvents {
    private final Map<String, List<Object>> byType = new LinkedHashMap<>();

    public void add(String type, Object payload) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(payload);
    }

    public int size() {
        return byType.values().stream().mapToInt(List::size).sum();
    }

    /** Appends every collected event to {@code log} in {@code tx}'s transaction: one statement per type. */
    public void appendTo(EventLog log, Handle tx) {
        byType.forEach((type, payloads) -> log.appendAll(tx, type, payloads));
    }
}
