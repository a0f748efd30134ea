package questlog.library;

import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The parts of a game's detail that other modules own: its playthroughs (the journal) and the
 * lists it is in (lists). app fills them in; the library shows whatever they return, read on
 * the detail's own transaction. Private lists are shown only to requests that may see them.
 */
public interface GameSections {

    /** No other modules: both sections empty. */
    GameSections NONE = new GameSections() {
        @Override
        public List<?> playthroughs(Handle handle, UUID gameId) {
            return List.of();
        }

        @Override
        public List<?> lists(Handle handle, UUID gameId, boolean withPrivate) {
            return List.of();
        }

        @Override
        public boolean seesPrivate(Context ctx) {
            return false;
        }
    };

    /** The game's playthroughs, newest completion first. */
    List<?> playthroughs(Handle handle, UUID gameId);

    /** The lists the game is in, with its place in each; private lists only when {@code withPrivate}. */
    List<?> lists(Handle handle, UUID gameId, boolean withPrivate);

    /** Whether this request may see private lists. */
    boolean seesPrivate(Context ctx);
}
