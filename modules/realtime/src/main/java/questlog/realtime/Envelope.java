package questlog.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An event as every channel sends it (WebSocket, Redis, webhooks, GET /api/events):
 * {@code {"id": 1042, "type": "questlog:playthrough_complete", "payload": {...}, "timestamp": "2026-02-11T12:34:56.789Z"}}.
 * {@code id} grows in commit order; {@code payload} holds public fields only, its keys depending
 * on {@code type}; {@code timestamp} is the commit time in UTC, to the millisecond.
 */
record Envelope(long id, String type, JsonNode payload, String timestamp) {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static Envelope from(Event event, ObjectMapper json) {
        try {
            return new Envelope(event.id(), event.type(), json.readTree(event.payload()), timestamp(event.createdAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " has a payload that is not JSON", e);
        }
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
