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

    Message render(Event event) {
        try {
            return new Message(event.id(), event.type(), json.writeValueAsString(Envelope.from(event, json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be rendered", e);
        }
    }
}
