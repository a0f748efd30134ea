package questlog.common;

import java.util.List;
import java.util.Optional;

/** The event types of the public stream (DESIGN.md section 6), as they appear in {@code "type"}. */
public final class EventTypes {
    /** Every type's full name is this prefix and its short name ({@code game_added}). */
    public static final String PREFIX = "questlog:";

    public static final String GAME_ADDED = "questlog:game_added";
    public static final String GAME_UPDATED = "questlog:game_updated";
    public static final String GAME_REMOVED = "questlog:game_removed";
    /** A playthrough created as planned, paused or abandoned. */
    public static final String PLAYTHROUGH_ADDED = "questlog:playthrough_added";
    /** A playthrough created as playing, or changed to playing. */
    public static final String PLAYTHROUGH_STARTED = "questlog:playthrough_started";
    /** A playthrough created as completed, or changed to completed. */
    public static final String PLAYTHROUGH_COMPLETE = "questlog:playthrough_complete";
    /** Any other change of a playthrough: an edit, a session, its removal. */
    public static final String PLAYTHROUGH_UPDATED = "questlog:playthrough_updated";
    /** Payload has {@code list}, {@code verb} and {@code entries}. */
    public static final String LIST_UPDATED = "questlog:list_updated";
    /** Payload says what changed. */
    public static final String PROFILE_SYNCED = "questlog:profile_synced";
    public static final String SYNC_PROGRESS = "questlog:sync_progress";
    public static final String SYNC_COMPLETE = "questlog:sync_complete";
    public static final String SYNC_FAILED = "questlog:sync_failed";

    /** Every type, in the order above. */
    public static final List<String> ALL = List.of(GAME_ADDED, GAME_UPDATED, GAME_REMOVED, PLAYTHROUGH_ADDED,
            PLAYTHROUGH_STARTED, PLAYTHROUGH_COMPLETE, PLAYTHROUGH_UPDATED, LIST_UPDATED, PROFILE_SYNCED, SYNC_PROGRESS,
            SYNC_COMPLETE, SYNC_FAILED);

    /**
     * Not an event type: the control message of the event stream that says the requested position
     * is past the end of the log (see the realtime module). Never stored, never filtered out, never
     * among {@link #ALL}.
     */
    public static final String STREAM_RESET = "questlog:stream_reset";

    private EventTypes() {}

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }

    /**
     * The full name of a type given by its full ({@code questlog:game_added}) or short
     * ({@code game_added}) name, exactly (surrounding spaces make it another name); empty for
     * anything else.
     */
    public static Optional<String> fullName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String full = name.startsWith(PREFIX) ? name : PREFIX + name;
        return isKnown(full) ? Optional.of(full) : Optional.empty();
    }
}
