package questlog.common;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What a module does when a game leaves the library. The library calls every module's
 * {@code GameRemoval} inside its delete transaction, after locking the game's row and before
 * deleting it (the game can still be looked up). Each removes what it keeps of the game through
 * its own code path (a list closes the gap and writes its history; the journal deletes the
 * game's playthroughs) and returns the events those changes make. The library appends them, with
 * its own {@code game_removed} first, as the transaction's last statements (see {@link EventLog}:
 * append last), so a cascade is observable like any other change.
 */
@FunctionalInterface
public interface GameRemoval {

    /** An event to record once the delete's writes are done. */
    record Event(String type, Object payload) {}

    /** Removes the module's records of {@code game} on {@code tx}; the events they make, in order. */
    List<Event> removeGame(Handle tx, GameLookup.GameRef game);
}
