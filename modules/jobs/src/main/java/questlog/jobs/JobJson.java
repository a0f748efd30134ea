package questlog.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Params, checkpoints and results to and from JSON with the app's one mapper (snake_case records). */
final class JobJson {
    private final ObjectMapper mapper;

    JobJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** JSON text of {@code value}; {@code "null"} for null. */
    String write(Object value, String what) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The job's " + what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    JsonNode tree(Object value, String what) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The job's " + what + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The job's " + what + " cannot be read as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    <T> T read(String text, Class<T> type, String what) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The job's " + what + " cannot be read as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
