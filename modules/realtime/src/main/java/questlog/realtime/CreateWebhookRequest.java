package questlog.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import questlog.common.ApiEnum;
import questlog.common.EventTypes;

/**
 * {@code POST /api/webhooks}: where to POST events, which types (absent or empty: all), and the
 * secret that signs each body (absent: deliveries are unsigned). Public only because Jackson reads it.
 */
public record CreateWebhookRequest(
        @JsonProperty(required = true) String url,
        @ApiEnum({EventTypes.GAME_ADDED, EventTypes.GAME_UPDATED, EventTypes.GAME_REMOVED, EventTypes.PLAYTHROUGH_ADDED,
                EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_COMPLETE, EventTypes.PLAYTHROUGH_UPDATED,
                EventTypes.LIST_UPDATED, EventTypes.PROFILE_SYNCED, EventTypes.SYNC_PROGRESS, EventTypes.SYNC_COMPLETE,
                EventTypes.SYNC_FAILED, "game_added", "game_updated", "game_removed", "playthrough_added",
                "playthrough_started", "playthrough_complete", "playthrough_updated", "list_updated", "profile_synced",
                "sync_progress", "sync_complete", "sync_failed"}) List<String> types,
        String secret) {}
