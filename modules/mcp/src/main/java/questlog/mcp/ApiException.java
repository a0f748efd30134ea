package questlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer of the API that is not a success, told in words a model can act on: the status, the
 * problem's detail and each field it names. A tool turns it into a tool error.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 0 when the server could not be reached. */
    public int status() {
        return status;
    }

    static ApiException from(int status, JsonNode problem) {
        String detail = problem.path("detail").asText(problem.path("error").asText(problem.path("title").asText("")));
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> {
            String field = e.path("field").asText() + ": " + e.path("message").asText();
            if (!detail.contains(field)) {
                // A single error is the detail itself; say it once.
                fields.add(field);
            }
        });
        String what = switch (status) {
            case 401 -> "Refused (401): this needs a token. ";
            case 403 -> "Refused (403): the token lacks the scope this needs. ";
            case 404 -> "Not found (404): ";
            case 409 -> "Conflict (409): ";
            default -> "The server answered " + status + ": ";
        };
        String message = what + detail + (fields.isEmpty() ? "" : " (" + String.join("; ", fields) + ")");
        return new ApiException(status, message.strip());
    }
}
