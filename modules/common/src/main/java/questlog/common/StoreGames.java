package questlog.common;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Library games for a store's own ids (a Steam library sync's appids), found or created by the
 * library, never duplicated: a game already holding the store id is that game; else, when IGDB
 * is configured, a game holding the IGDB id the store id maps to; else a game of exactly that
 * name; else a new game (with IGDB's metadata when IGDB knows it). The store id is added to a
 * game found any other way. Answered by the library module, passed in by app.
 */
public interface StoreGames {

    /** One game of a store: its id there ({@code "620"}) and the store's name for it. */
    record StoreGame(String storeId, String name) {}

    /** How a store game was settled. */
    enum How { EXTERNAL_ID, IGDB_ID, NAME, CREATED }

    /** A store game's library game, and how it was found. */
    record Found(String storeId, GameLookup.GameRef game, How how) {}

    /**
     * The upstream lookups for a batch (IGDB, by store id, in a few batched requests: two for up
     * to 2,000 games), with no transaction open; nothing is written. Without IGDB there is nothing
     * to look up.
     *
     * @param source an external id source: {@code steam} (others: gog, xbox, psn)
     */
    Batch prepare(String source, List<StoreGame> games);

    /** A looked-up batch, ready to be written in parts. */
    interface Batch {
        /**
         * Finds or creates {@code games} (some of the prepared batch) in {@code tx}'s transaction
         * and links their store ids. The {@code game_added} / {@code game_updated} events are
         * returned for the caller to append once its own writes are done.
         */
        Written findOrCreate(Handle tx, List<StoreGame> games);
    }

    /** The batch's games by store id, and the events of what was written. */
    record Written(Map<String, Found> found, PendingEvents events) {}
}
