package questlog.common;

import java.util.List;

/** The event types of the public stream (DESIGN.md section 6), as they appear in {@code "type"}. */
public final class EventTypes {
    public static final String GAME_ADDED = "questlog:game_added";
    public static final String GAME_UPDATED = "questlog:game_updated";
    public static final String GAME_REMOVED = "questlog:game_removed";
    public static final String PLAYTHROUGH_STARTED = "questlog:playthrough_started";
    public static final String PLAYTHROUGH_COMPLETE = "questlog:playthrough_complete";
    public static final String PLAYTHROUGH_UPDATED = "questlog:playthrough_updated";
    /** Payload has {@code list}, {@code verb} and {@code entries}. */
    public static final String LIST_UPDATED = "questlog:list_updated";
    /** Payload says what changed. */
    public static final String PROFILE_SYNCED = "questlog:profile_synced";
    public static final String SYNC_PROGRESS = "questlog:sync_progress";
    public static final String SYNC_COMPLETE = "questlog:sync_complete";
    public static final String SYNC_FAILED = "questlog:sync_failed";

    /** Every type, in the order above. */
    public static final List<String> ALL = List.of(GAME_ADDED, GAME_UPDATED, GAME_REMOVED, PLAYTHROUGH_STARTED,
            PLAYTHROUGH_COMPLETE, PLAYTHROUGH_UPDATED, LIST_UPDATED, PROFILE_SYNCED, SYNC_PROGRESS, SYNC_COMPLETE,
            SYNC_FAILED);

    private EventTypes() {}

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
