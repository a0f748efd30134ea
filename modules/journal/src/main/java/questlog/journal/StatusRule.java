package questlog.journal;

import java.time.LocalDate;

/**
 * The one rule for a playthrough's status, applied by every write path (the API, dataset
 * imports, and any later importer): the status given wins; without one, the dates decide.
 * <ul>
 * <li>a new playthrough is completed with {@code completed_at}, playing with {@code started_at},
 * else planned;</li>
 * <li>a change that sets {@code completed_at} to a date completes the run, whatever it was;</li>
 * <li>a change that sets {@code started_at} to a date starts a planned run (playing); a paused,
 * abandoned or completed run keeps its status;</li>
 * <li>any other change keeps the status. A completed run whose {@code completed_at} is cleared
 * without a new status is refused by the service (422 asking for {@code status}).</li>
 * </ul>
 * So a run is never left "playing" with a completion date it was just given.
 */
public final class StatusRule {
    private StatusRule() {}

    /** The status of a new playthrough with these fields; {@code given} may be null. */
    public static PlaythroughStatus ofNew(PlaythroughStatus given, LocalDate startedAt, LocalDate completedAt) {
        if (given != null) {
            return given;
        }
        return completedAt != null ? PlaythroughStatus.COMPLETED
                : startedAt != null ? PlaythroughStatus.PLAYING : PlaythroughStatus.PLANNED;
    }

    /**
     * The status after a change of a playthrough whose status is {@code current}: {@code given}
     * (null when the change has no status), and the dates the change sets (null when it does not
     * set that date, or clears it).
     */
    public static PlaythroughStatus afterChange(PlaythroughStatus current, PlaythroughStatus given,
                                                LocalDate startedAtSet, LocalDate completedAtSet) {
        if (given != null) {
            return given;
        }
        if (completedAtSet != null) {
            return PlaythroughStatus.COMPLETED;
        }
        if (startedAtSet != null && current == PlaythroughStatus.PLANNED) {
            return PlaythroughStatus.PLAYING;
        }
        return current;
    }
}
