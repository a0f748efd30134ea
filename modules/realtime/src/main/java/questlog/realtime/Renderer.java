package questlog.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Renders log rows as envelope JSON with the shared mapper, so every channel sends the same text. */
final class Renderer {
    private final ObjectMapper json;

    Renderer(ObjectMapper json) {
        this.json = json;
    }

    Envelope envelope(Event event) {
        return Envelope.from(event, json);
    }

    /** The stream's control message for a position past the end of the log, as JSON text. */
    String render(StreamReset reset) {
        try {
            return json.writeValueAsString(reset);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stream reset cannot be rendered", e);
        }
    }

    Message render(Event event) {
        try {
            return new Message(event.id(), event.type(), json.writeValueAsString(Envelope.from(event, json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be rendered", e);
        }
    }
}
