package questlog.common;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Records what users can observe changing, as rows of the event outbox, inside the caller's
 * transaction: the event commits with the change or not at all. After commit a relay delivers
 * it (in id order) to the WebSocket, Redis and webhooks; nothing is sent for a rolled-back write.
 *
 * <p>How a module uses it: take an {@code EventLog} in the module's constructor (app passes the
 * realtime module's), and append at the end of the write's transaction, after the module's own
 * statements:
 * <pre>{@code
 * jdbi.inTransaction(h -> {
 *     Game game = h.attach(GameDao.class).insert(...);
 *     events.append(h, EventTypes.GAME_ADDED, new GameAdded(game.slug(), game.name()));
 *     return game;
 * });
 * }</pre>
 * The payload is any object the shared JSON mapper can write (a record with public fields only,
 * or a {@code Map}); record components in camelCase become snake_case keys.
 *
 * <p>Appending takes a transaction-scoped lock that serialises event writers until commit (so
 * events commit in id order and no consumer can skip one). Append last: a transaction that
 * appends first and then waits for row locks held by another event writer can deadlock with it.
 * Several appends in one transaction are fine; they get consecutive ids. Bulk writes (imports)
 * use {@link #appendAll}, one statement for any number of events.
 */
@FunctionalInterface
public interface EventLog {

    /**
     * Adds one event to the outbox in {@code tx}'s transaction.
     *
     * @param tx a handle inside an open transaction ({@code jdbi.inTransaction}/{@code useTransaction})
     * @param type one of {@link EventTypes}, e.g. {@link EventTypes#GAME_ADDED}
     * @param payload public fields only; serialised to JSON
     * @throws IllegalStateException if {@code tx} is not in a transaction
     */
    void append(Handle tx, String type, Object payload);

    /** Adds one event per payload, all of one type, in list order, in {@code tx}'s transaction. */
    default void appendAll(Handle tx, String type, List<?> payloads) {
        for (Object payload : payloads) {
            append(tx, type, payload);
        }
    }
}
