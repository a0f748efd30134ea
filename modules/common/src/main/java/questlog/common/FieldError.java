package questlog.common;

/** One problem with one input field: {@code {"field": "rating", "message": "must be between 1 and 10"}}. */
public record FieldError(String field, String message) {}
