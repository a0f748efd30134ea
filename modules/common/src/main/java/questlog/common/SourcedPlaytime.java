package questlog.common;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Playtime an upstream records (Steam's per-game minutes), kept on one playthrough per upstream
 * record, with {@code source} and {@code source_ref} saying which: created when new, its playtime
 * updated when it changed, nothing else touched (manual playthroughs, ratings, notes, a status
 * the user set). Answered by the journal module, passed in by app.
 */
public interface SourcedPlaytime {

    /**
     * One upstream record of play.
     *
     * @param sourceRef unique per source, e.g. {@code "<steamid>:<appid>"}
     * @param minutes total playtime upstream; 0 when never played
     * @param recent played lately (Steam: in the last two weeks)
     */
    record Play(UUID gameId, String sourceRef, int minutes, boolean recent) {}

    enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The outcome by {@code sourceRef}, and the journal's events of what was written. */
    record Recorded(Map<String, Outcome> outcomes, PendingEvents events) {}

    /**
     * Records each play in {@code tx}'s transaction; the caller appends the returned events once
     * its own writes are done. A new playthrough is {@code planned} when never played (the
     * backlog), {@code playing} when played lately, else {@code paused}; a {@code planned} one that
     * has been played since moves on the same way; any other status stays.
     *
     * @param source a playthrough source: {@code steam}
     * @param platform the platform new playthroughs get (e.g. {@code "PC"})
     */
    Recorded record(Handle tx, String source, String platform, List<Play> plays);
}
