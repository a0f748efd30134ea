package questlog.testsupport;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;

/**
 * An {@link EventLog} for modules' own tests, where the realtime module is not on the classpath:
 * it keeps the events whose transaction committed, in order, and forgets those rolled back, as
 * the real outbox does. Like the real one it refuses to append outside a transaction.
 */
public final class RecordingEventLog implements EventLog {
    /** One committed event. */
    public record Recorded(String type, Object payload) {}

    private final List<Recorded> committed = new CopyOnWriteArrayList<>();

    @Override
    public void append(Handle tx, String type, Object payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("EventLog.append needs a transaction");
        }
        Recorded event = new Recorded(type, payload);
        tx.afterCommit(() -> committed.add(event));
    }

    /** Every committed event so far, oldest first. */
    public List<Recorded> events() {
        return List.copyOf(committed);
    }

    /** The committed events of one type. */
    public List<Recorded> events(String type) {
        return committed.stream().filter(e -> e.type().equals(type)).toList();
    }

    public void clear() {
        committed.clear();
    }

    /**
     * A payload's JSON text as the real outbox stores it (jsonb) and consumers read it: to compare a
     * payload built in the database ({@link EventLog#appendSelected}, recorded here as its JSON tree)
     * with the record the API path writes, to the byte.
     */
    public static String asStored(Jdbi jdbi, Object json) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CAST(CAST(:json AS jsonb) AS text)").bind("json", json.toString())
                .mapTo(String.class).one());
    }
}
