package questlog.app;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import questlog.common.FieldError;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance},
 * {@code errors} (validation only) and extension members (for example the compatibility API's
 * {@code error} field, so its clients keep reading the body they know).
 */
public record ProblemDetail(String type, String title, int status, String detail, String instance,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors,
                            @JsonAnyGetter Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://questlog.dev/problems/";

    public ProblemDetail {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
