package questlog.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Request bodies read with the app's strict mapper, remembering which fields were present: a
 * PATCH changes what is present (an explicit null clears a field) and leaves the rest alone.
 * Type errors and unknown fields surface as Jackson exceptions, which app answers with a 400
 * naming the field.
 */
public final class Bodies {
    private Bodies() {}

    /** A body of type {@code T} and the JSON names of the fields it contained. */
    public record Read<T>(T value, Set<String> present) {
        public boolean has(String field) {
            return present.contains(field);
        }
    }

    public static <T> Read<T> read(Context ctx, ObjectMapper json, Class<T> type) {
        JsonNode node;
        try {
            byte[] bytes = ctx.bodyAsBytes();
            node = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestResponse("The request body must be a JSON object");
        }
        Set<String> present = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(present::add);
        try {
            return new Read<>(json.treeToValue(node, type), present);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
