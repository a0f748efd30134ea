package questlog.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import questlog.common.FieldErrors;
import questlog.common.InvalidInputException;

/**
 * The controllers' shared IO: strict JSON bodies (Jackson's errors become 400 problems in app),
 * 409s for conflicts, the compatibility API's paging parameters and {@code next} links.
 */
final class Requests {
    private Requests() {}

    /**
     * The body as {@code type}. It is read as a tree first, so that a body that is not an
     * object and text PostgreSQL cannot store (the NUL character) are 400s naming the field.
     */
    static <T> T body(Context ctx, ObjectMapper json, Class<T> type) throws IOException {
        return json.treeToValue(objectBody(ctx, json), type);
    }

    /** The body as a JSON object tree, for partial updates that must tell absent fields from nulls. */
    static ObjectNode objectBody(Context ctx, ObjectMapper json) throws IOException {
        JsonNode node = json.readTree(ctx.bodyAsBytes());
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(400, "The request body must be a JSON object", List.of());
        }
        String field = fieldWithNul(object, "");
        if (field != null) {
            throw InvalidInputException.of(400, field, Inputs.NO_NUL);
        }
        return object;
    }

    /** The path of the first string holding U+0000, or null. */
    private static String fieldWithNul(JsonNode node, String path) {
        if (node.isTextual()) {
            return Inputs.hasNul(node.textValue()) ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = fieldWithNul(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        for (var entry : node.properties()) {
            String found = fieldWithNul(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Runs a service call, answering a {@link ConflictException} with a 409 that names the field. */
    static <T> T conflictsAs409(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConflictException e) {
            throw new ConflictResponse(e.getMessage(), Map.of("field", e.field()));
        }
    }

    /** {@code limit} and {@code offset} of the compatibility API: not capped, but never negative. */
    record Window(long limit, long offset) {}

    static Window window(Context ctx, long defaultLimit) {
        var errors = new FieldErrors();
        long limit = nonNegative(ctx, "limit", defaultLimit, errors);
        long offset = nonNegative(ctx, "offset", 0, errors);
        errors.throwIfBadRequest();
        return new Window(limit, offset);
    }

    private static long nonNegative(Context ctx, String name, long fallback, FieldErrors errors) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number of 0 or more (got '" + raw + "')");
        return fallback;
    }

    /** Optional text query parameter; blank counts as absent. */
    static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (Inputs.hasNul(value)) {
            throw InvalidInputException.of(400, name, Inputs.NO_NUL);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
