package questlog.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.dataset.DatasetCopy;

/**
 * The outbox writer: inserts into {@code event} on the caller's handle, inside its transaction.
 * Many events at once (an import's tens of thousands) stream in with {@code COPY}: PostgreSQL
 * stores the payloads already sent while the next ones are rendered, where one INSERT of an array
 * would wait for every payload to be rendered first. Both keep the list's order in the ids, and
 * both fire the table's statement triggers (the ordering lock, the notification) once.
 */
final class OutboxEventLog implements EventLog {
    /** Below this, one INSERT: a COPY takes one more round trip to start. */
    static final int COPY_FROM = 64;

    private final ObjectMapper json;

    OutboxEventLog(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void append(Handle tx, String type, Object payload) {
        check(tx, type);
        tx.attach(EventDao.class).insert(type, render(payload));
    }

    @Override
    public void appendAll(Handle tx, String type, List<?> payloads) {
        check(tx, type);
        if (payloads.isEmpty()) {
            return;
        }
        if (payloads.size() < COPY_FROM) {
            tx.attach(EventDao.class).insertAll(type, payloads.stream().map(this::render).toArray(String[]::new));
            return;
        }
        try (DatasetCopy copy = DatasetCopy.into(tx, "event", "type, payload")) {
            for (Object payload : payloads) {
                copy.text(type).text(render(payload)).endRow();
            }
            copy.finish();
        }
    }

    /**
     * One INSERT ... SELECT: the ids follow the statement's order (nextval runs on the sorted rows;
     * a subquery's order passes through its scan). A type outside {@code types}, or a payload that
     * is not a JSON object, becomes a null, which the column refuses.
     */
    @Override
    public void appendSelected(Handle tx, Set<String> types, String select, Map<String, ?> bindings) {
        types.forEach(type -> check(tx, type));
        tx.createUpdate("INSERT INTO event (type, payload) SELECT CASE WHEN s.type = ANY(:outboxTypes) THEN s.type END, "
                        + "CASE WHEN jsonb_typeof(s.payload) = 'object' THEN s.payload END FROM (" + select + ") AS s(type, payload)")
                .bindMap(bindings)
                .bindArray("outboxTypes", String.class, types)
                .execute();
    }

    private static void check(Handle tx, String type) {
        Objects.requireNonNull(tx, "tx");
        if (!EventTypes.isKnown(type)) {
            throw new IllegalArgumentException("Unknown event type '" + type + "'; add it to EventTypes");
        }
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("EventLog.append needs a transaction (jdbi.inTransaction or useTransaction), "
                    + "so that the event commits with the change");
        }
    }

    private String render(Object payload) {
        Objects.requireNonNull(payload, "payload");
        String text;
        try {
            text = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException("Event payload must be a JSON object, got: " + text);
        }
        return text;
    }
}
