package questlog.common;

import java.util.Objects;

/**
 * A path, query or header parameter of an operation, for the OpenAPI document. {@code type} is
 * what the handler converts the text to (String, Integer, Long, Boolean, LocalDate, UUID or an
 * enum); its schema is generated like a body's.
 *
 * <pre>{@code
 * ApiParam.path("slug", "The game's slug")
 * ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 100)")
 * ApiParam.query("status", PlaythroughStatus.class, "Only playthroughs in this status")
 * }</pre>
 */
public record ApiParam(String name, In in, Class<?> type, boolean required, String description) {

    public enum In { PATH, QUERY, HEADER }

    public ApiParam {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(type, "type");
        if (in == In.PATH && !required) {
            throw new IllegalArgumentException("path parameter '" + name + "' is always required");
        }
        description = description == null ? "" : description;
    }

    /** A path segment, as named in the route's {@code {braces}}; text unless told otherwise. */
    public static ApiParam path(String name, String description) {
        return new ApiParam(name, In.PATH, String.class, true, description);
    }

    public static ApiParam path(String name, Class<?> type, String description) {
        return new ApiParam(name, In.PATH, type, true, description);
    }

    /** An optional query parameter; see {@link #asRequired()}. */
    public static ApiParam query(String name, Class<?> type, String description) {
        return new ApiParam(name, In.QUERY, type, false, description);
    }

    public static ApiParam header(String name, String description) {
        return new ApiParam(name, In.HEADER, String.class, false, description);
    }

    public ApiParam asRequired() {
        return new ApiParam(name, in, type, true, description);
    }
}
