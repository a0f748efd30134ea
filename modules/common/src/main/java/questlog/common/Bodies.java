package questlog.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way every module reads a request body. The body is parsed as a tree and checked before
 * it becomes a record:
 * <ul>
 * <li>not JSON, or not the expected JSON shape (an object, or an array for {@link #readArray}),
 * or a member name twice in one object: 400;</li>
 * <li>every string (and every member name) must be storable exactly as sent: no NUL character,
 * no lone surrogate, at most {@link Texts#MAX_LENGTH} characters: otherwise 422 naming the
 * field (all such fields at once);</li>
 * <li>every field the record marks {@code @JsonProperty(required = true)} (which the OpenAPI
 * document then lists as required) must be there and not null or blank: otherwise 422 naming
 * each missing one;</li>
 * <li>then the strict mapper makes the record: an unknown field or a value of the wrong JSON type
 * (a fraction or an exponent where a whole number belongs, a datetime where a date belongs), a
 * date, timestamp or enum value with surrounding spaces, or a timestamp more precise than a
 * microsecond is a 422 naming the field (app's ProblemMappers; the rules of
 * {@link Json#bodyReader}).</li>
 * </ul>
 * Rules about values (required fields, ranges, references) are the module's own and are 422s.
 * The record type read is remembered on the request, so a test can check that each route's
 * OpenAPI document names the type its handler really reads.
 */
public final class Bodies {
    /** The request attribute holding the class of the body the handler read. */
    public static final String READ_TYPE_ATTRIBUTE = "questlog.bodyType";

    private Bodies() {}

    /** A body of type {@code T} and the JSON names of the fields it contained. */
    public record Read<T>(T value, Set<String> present) {
        public boolean has(String field) {
            return present.contains(field);
        }
    }

    /** An object body as {@code type}, with the names of the members present (a PATCH changes only those). */
    public static <T> Read<T> read(Context ctx, ObjectMapper json, Class<T> type) {
        ctx.attribute(READ_TYPE_ATTRIBUTE, type);
        JsonNode node = tree(ctx, json);
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(400, "The request body must be a JSON object", List.of());
        }
        checkTexts(node);
        checkRequired(json, type, node);
        Set<String> present = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(present::add);
        return new Read<>(convert(json, node, type), present);
    }

    /** An array body, e.g. {@code String[].class} for a list of slugs. */
    public static <T> T readArray(Context ctx, ObjectMapper json, Class<T> arrayType) {
        ctx.attribute(READ_TYPE_ATTRIBUTE, arrayType);
        JsonNode node = tree(ctx, json);
        if (node == null || !node.isArray()) {
            throw new InvalidInputException(400, "The request body must be a JSON array", List.of());
        }
        checkTexts(node);
        return convert(json, node, arrayType);
    }

    /**
     * The body as a tree, checked like {@link #read}, for handlers that take a free-form object
     * (for example a patch applied field by field); {@code documentedAs} is the record the route's
     * OpenAPI operation names.
     */
    public static JsonNode readObjectTree(Context ctx, ObjectMapper json, Class<?> documentedAs) {
        ctx.attribute(READ_TYPE_ATTRIBUTE, documentedAs);
        JsonNode node = tree(ctx, json);
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(400, "The request body must be a JSON object", List.of());
        }
        checkTexts(node);
        return node;
    }

    /**
     * The fields {@code type} marks required ({@code @JsonProperty(required = true)}, under their
     * JSON names) are present and neither null nor blank text; else a 422 naming each.
     */
    public static void checkRequired(ObjectMapper json, Class<?> type, JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : requiredFields(json, type)) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
                errors.add(new FieldError(field, "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidInputException.unprocessable(errors);
        }
    }

    private static final java.util.Map<Class<?>, List<String>> REQUIRED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The JSON names of {@code type}'s required properties, as the mapper sees them. */
    public static List<String> requiredFields(ObjectMapper json, Class<?> type) {
        return REQUIRED.computeIfAbsent(type, t -> json.getDeserializationConfig().introspect(json.constructType(t))
                .findProperties().stream().filter(p -> p.isRequired()).map(p -> p.getName()).toList());
    }

    /** Every string in {@code node} storable exactly as sent; else a 422 naming each field. */
    public static void checkTexts(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        checkTexts(node, "", errors);
        if (!errors.isEmpty()) {
            throw InvalidInputException.unprocessable(errors);
        }
    }

    private static void checkTexts(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            String text = node.textValue();
            String problem = Texts.unstorable(text);
            if (problem == null && Texts.length(text) > Texts.MAX_LENGTH) {
                problem = "must be at most " + Texts.MAX_LENGTH + " characters";
            }
            if (problem != null) {
                errors.add(new FieldError(path.isEmpty() ? "body" : path, problem));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTexts(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String name = member.getKey();
                String child = path.isEmpty() ? name : path + "." + name;
                String problem = Texts.unstorable(name);
                if (problem != null) {
                    errors.add(new FieldError(child, "has a name that " + problem.replaceFirst("^(must|is)", "$1")));
                    continue;
                }
                checkTexts(member.getValue(), child, errors);
            }
        }
    }

    private static JsonNode tree(Context ctx, ObjectMapper json) {
        try {
            byte[] bytes = ctx.bodyAsBytes();
            return bytes.length == 0 ? null : Json.bodyReader(json).readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T convert(ObjectMapper json, JsonNode node, Class<T> type) {
        try {
            return Json.bodyReader(json).forType(type).readValue(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
