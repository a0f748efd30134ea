package questlog.realtime;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The wire form of an event, identical on every channel (WebSocket, Redis, webhooks, HTTP):
 * {@code {"id": 1042, "type": "questlog:game_added", "payload": {...}, "timestamp": "2026-02-11T12:34:56.789Z"}}.
 */
record Envelope(long id, String type, @JsonRawValue String payload, String timestamp) {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static Envelope from(Event event) {
        return new Envelope(event.id(), event.type(), event.payload(), timestamp(event.createdAt()));
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
