package questlog.common;

import org.jdbi.v3.core.Handle;

/**
 * Events of writes another module made in the caller's transaction, held back so that the caller
 * appends them after all of its transaction's row locks are taken ({@link EventLog} explains why
 * events come last).
 */
@FunctionalInterface
public interface PendingEvents {

    /** Appends the events, in {@code tx}'s transaction (the one the writes were made in). */
    void append(Handle tx);

    PendingEvents NONE = tx -> { };
}
