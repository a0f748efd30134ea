package questlog.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a request or response body, for the OpenAPI document: one JSON value of a
 * record type ({@link #of}), a bare JSON array of them ({@link #arrayOf}), the paging envelope
 * {@link Page} of them ({@link #pageOf}), or a body that is not JSON, such as a web page, a
 * script or Prometheus text ({@link #raw}). The schema of a JSON body is generated from
 * {@code type} by app, with the same naming and nullability rules as the JSON mapper.
 */
public record ApiBody(Shape shape, Class<?> type, String mediaType, Map<String, ApiBody> members) {
    public static final String JSON = "application/json";

    public enum Shape {
        /** One value of {@code type}: usually a record, or a {@code Map} for a free-form object. */
        OBJECT,
        /** A bare JSON array of {@code type}, as the compatibility routes answer. */
        ARRAY,
        /** {@code {"items": [type...], "total", "limit", "offset", "next"}}. */
        PAGE,
        /** A body that is not JSON, in {@code mediaType}; {@code type} is String. */
        RAW
    }

    /** A body without extra members. */
    public ApiBody(Shape shape, Class<?> type, String mediaType) {
        this(shape, type, mediaType, Map.of());
    }

    public ApiBody {
        Objects.requireNonNull(shape, "shape");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members == null ? Map.of() : members));
        if (!members.isEmpty() && shape != Shape.OBJECT) {
            throw new IllegalArgumentException("only an object body has extra members");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mediaType, "mediaType");
        if (shape == Shape.RAW && type != String.class) {
            throw new IllegalArgumentException("a raw body has type String");
        }
        if (shape != Shape.RAW && !mediaType.equals(JSON)) {
            throw new IllegalArgumentException("a JSON body has media type " + JSON);
        }
    }

    public static ApiBody of(Class<?> type) {
        return new ApiBody(Shape.OBJECT, type, JSON);
    }

    public static ApiBody arrayOf(Class<?> itemType) {
        return new ApiBody(Shape.ARRAY, itemType, JSON);
    }

    public static ApiBody pageOf(Class<?> itemType) {
        return new ApiBody(Shape.PAGE, itemType, JSON);
    }

    /**
     * A body in the given media type, e.g. {@code text/html; charset=utf-8}, or a range such as
     * <code>image/&#42;</code> or <code>&#42;/&#42;</code> for a route serving several kinds of file.
     */
    public static ApiBody raw(String mediaType) {
        return new ApiBody(Shape.RAW, String.class, mediaType);
    }

    /**
     * The same object body with members the type itself does not declare, written after its own
     * (a record's {@code @JsonAnyGetter} map): the game detail's sections of other modules. The
     * schema of {@code type} shows them wherever the type appears.
     */
    public ApiBody withMembers(Map<String, ApiBody> extra) {
        return new ApiBody(shape, type, mediaType, extra);
    }

    public boolean isJson() {
        return shape != Shape.RAW;
    }
}
