package questlog.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * use {@link #appendAll}, one statement for any number of events, or {@link #appendSelected},
 * whose payloads are built in the database.
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

    /**
     * Adds one event per row of {@code select}, in its order, in {@code tx}'s transaction. The
     * statement is the caller's: one SELECT of two columns, the event's type (text) and its payload
     * (jsonb, with the very keys and values the payload record is written with), ending in its
     * ORDER BY, with no trailing semicolon or comment (it is wrapped in an INSERT). For bulk writes
     * whose payloads show rows just written: they are built beside those rows instead of being
     * read out, rendered and sent back (an import's 60,000 playthroughs: half the time).
     * {@code types} are the types the statement may give; a row of another type fails it. The
     * caller's tests should compare such payloads with the record's, which the API path writes.
     *
     * <p>This default runs the statement and appends each row's payload as its JSON tree.
     */
    default void appendSelected(Handle tx, Set<String> types, String select, Map<String, ?> bindings) {
        // Numbers as they were written (0.10 stays 0.10), as the outbox keeps them.
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
        for (Map.Entry<String, String> row : tx.createQuery(select).bindMap(bindings)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()) {
            if (!types.contains(row.getKey())) {
                throw new IllegalStateException("the statement gave an event of type " + row.getKey() + ", not one of " + types);
            }
            try {
                append(tx, row.getKey(), json.readTree(row.getValue()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the statement gave a payload that is not JSON", e);
            }
        }
    }
}
