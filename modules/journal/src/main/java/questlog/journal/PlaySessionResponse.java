package questlog.journal;

import java.time.Instant;
import java.util.UUID;

/** A play session on the wire. */
record PlaySessionResponse(UUID id, UUID playthroughId, Instant startedAt, int minutes, String note, Instant createdAt) {

    static PlaySessionResponse from(PlaySession s) {
        return new PlaySessionResponse(s.id(), s.playthroughId(), s.startedAt(), s.minutes(), s.note(), s.createdAt());
    }
}
