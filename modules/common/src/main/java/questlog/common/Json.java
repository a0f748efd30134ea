package questlog.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
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

/**
 * The one ObjectMapper. Policy: Java records in camelCase read and write snake_case JSON;
 * ISO-8601 dates and UTC timestamps with {@code Z}; every field written, nulls included. Request
 * bodies are strict, never a silent guess: an unknown field, a string where a number belongs (or
 * the reverse), a null for a primitive, a fraction or an exponent where a whole number belongs
 * ({@code 7.5}, {@code 1e1}), or a datetime where a date belongs is refused, naming the field.
 */
public final class Json {
    private Json() {}

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
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A number or boolean where text belongs is a mistake too, not a string to keep.
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** A date or time from a JSON string only; numbers and arrays are the wrong type. */
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
            return strings.deserialize(p, ctxt);
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
}
