package questlog.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query IGDB refuses. Its wire form is IGDB's error array,
 * {@code [{"title":"Syntax Error","status":400,"cause":"..."}]}.
 */
final class IgdbQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    IgdbQueryException(int status, String title, String cause) {
        super(cause);
        this.status = status;
        this.title = title;
    }

    static IgdbQueryException syntax(String cause) {
        return new IgdbQueryException(400, "Syntax Error", cause);
    }

    static IgdbQueryException invalidField(String field) {
        return new IgdbQueryException(400, "Invalid Field", "Invalid field name: '" + field + "'");
    }

    int status() {
        return status;
    }

    List<Map<String, Object>> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("title", title);
        error.put("status", status);
        error.put("cause", getMessage());
        return List.of(error);
    }
}
