package questlog.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The one ObjectMapper. Policy: Java records in camelCase read and write snake_case JSON;
 * ISO-8601 dates and UTC timestamps with {@code Z}; every field written, nulls included. Request
 * bodies are strict, never a silent guess: an unknown field, a string where a number belongs (or
 * the reverse), a null for a primitive, a fraction or an exponent where a whole number belongs
 * ({@code 7.5}, {@code 1e1}), or a datetime where a date belongs is refused, naming the field.
 * What is read through {@link #bodyReader} (request bodies) is held to more: a member name twice
 * in one object, a date, timestamp or enum value with surrounding spaces (which Jackson would
 * trim), and a timestamp more precise than PostgreSQL keeps (a microsecond, which it would round)
 * are refused too. Data the server wrote itself or an upstream API sent is not held to those.
 */
public final class Json {
    /** The attribute of {@link #bodyReader}'s reads: what they read is a request body. */
    private static final String REQUEST_BODY = "questlog.requestBody";

    private Json() {}

    /**
     * The reader of request bodies (and import documents), from {@code json}: it refuses a member
     * name that appears twice in one object ({@link #duplicateMember} tells where), and its
     * values are held to the body rules of this class.
     */
    public static ObjectReader bodyReader(ObjectMapper json) {
        return json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).withAttribute(REQUEST_BODY, Boolean.TRUE);
    }

    /**
     * Where a document read by {@link #bodyReader} has a member name twice ({@code games[3].name},
     * {@code name} at the top), when that is what {@code e} is about; else empty.
     */
    public static Optional<String> duplicateMember(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")
                || !(e.getProcessor() instanceof JsonParser parser)) {
            return Optional.empty();
        }
        Deque<JsonStreamContext> levels = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            levels.addFirst(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : levels) {
            if (c.inArray()) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            } else if (c.getCurrentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(c.getCurrentName());
            }
        }
        return Optional.of(path.toString());
    }

    /**
     * A value of a request body that is refused for a reason of its own; {@link #reason()} is the
     * message for its field (the field is the exception's path).
     */
    public static final class RefusedValue extends JsonMappingException {
        RefusedValue(JsonParser p, String reason) {
            super(p, reason);
        }

        public String reason() {
            return getOriginalMessage();
        }
    }

    private static boolean inBody(DeserializationContext ctxt) {
        return Boolean.TRUE.equals(ctxt.getAttribute(REQUEST_BODY));
    }

    /** Text that Jackson would trim before reading it as a date, timestamp or enum: spaces, tabs, line breaks... */
    private static boolean spaced(String text) {
        return !text.isBlank() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' '
                || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)));
    }

    private static String shown(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    /**
     * Answers {@code value} as JSON, the same bytes as {@code ctx.json(value)}, but encoded by
     * Jackson straight to UTF-8 ({@code ctx.json} writes characters into a String, which is then
     * encoded again): for the large hot reads, a list's 250 entries or a page of 50 games.
     */
    public static void respond(Context ctx, Object value) {
        if (!(ctx.jsonMapper() instanceof JavalinJackson jackson)) {
            ctx.json(value);
            return;
        }
        try {
            ctx.contentType(ContentType.APPLICATION_JSON).result(jackson.getMapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                // A character outside the Basic Multilingual Plane (🎮) is written to bytes as its
                // UTF-8, as it is written into a String, not as a pair of \\u escapes: an answer,
                // an event and an export spell it the same way.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 7.5 or 1e1 for a whole number would be stored as 7 or 10: refuse instead.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // "2024-05-01T10:00:00" for a date would be cut to the date: refuse instead.
                .withConfigOverride(LocalDate.class, o -> o.setFormat(JsonFormat.Value.forLeniency(false)))
                // 12345 for a timestamp would be read as seconds since 1970, [2024, 1, 1] as a date: text only.
                .addModule(new SimpleModule("questlog-text-only-times")
                        .addDeserializer(Instant.class, new TextOnly<>(Instant.class, InstantDeserializer.INSTANT))
                        .addDeserializer(LocalDate.class, new TextOnly<>(LocalDate.class, LocalDateDeserializer.INSTANCE)))
                // " completed" would be trimmed to completed: refused in request bodies.
                .addModule(new SimpleModule("questlog-exact-enums").setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                                      BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                        return new ExactEnum(deserializer);
                    }
                }))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A number or boolean where text belongs is a mistake too, not a string to keep.
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * A date or time from a JSON string only; numbers and arrays are the wrong type. In a request
     * body, also without surrounding spaces, and an instant to the microsecond at most.
     */
    private static final class TextOnly<T> extends StdDeserializer<T> implements ContextualDeserializer {
        private final JsonDeserializer<? extends T> strings;

        TextOnly(Class<T> type, JsonDeserializer<? extends T> strings) {
            super(type);
            this.strings = strings;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            if (!inBody(ctxt)) {
                return strings.deserialize(p, ctxt);
            }
            String text = p.getText();
            if (spaced(text)) {
                throw new RefusedValue(p, (handledType() == LocalDate.class ? "must be a date YYYY-MM-DD"
                        : "must be a timestamp like 2026-01-31T12:00:00Z") + " without surrounding spaces (got " + shown(text) + ")");
            }
            T value = strings.deserialize(p, ctxt);
            if (value instanceof Instant instant && instant.getNano() % 1000 != 0) {
                // PostgreSQL keeps microseconds: nanoseconds would be rounded, not stored as sent.
                throw new RefusedValue(p, "must not be more precise than a microsecond (at most 6 digits after the second)");
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = strings instanceof ContextualDeserializer c
                    ? c.createContextual(ctxt, property) : strings;
            @SuppressWarnings("unchecked")
            var typed = (JsonDeserializer<? extends T>) contextual;
            return new TextOnly<>((Class<T>) handledType(), typed);
        }
    }

    /** An enum read as Jackson reads it, except that in a request body surrounding spaces are refused, not trimmed. */
    private static final class ExactEnum extends DelegatingDeserializer {
        ExactEnum(JsonDeserializer<?> enums) {
            super(enums);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ExactEnum(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (inBody(ctxt) && p.hasToken(JsonToken.VALUE_STRING) && spaced(p.getText())) {
                throw new RefusedValue(p, "must not have surrounding spaces (got " + shown(p.getText()) + ")");
            }
            return _delegatee.deserialize(p, ctxt);
        }
    }
}
