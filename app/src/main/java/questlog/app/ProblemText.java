package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Response;

/** A failed answer of a Questlog server as one line for a person: status, detail, and the fields named. */
final class ProblemText {
    private ProblemText() {}

    static String of(ObjectMapper json, Response response) throws IOException {
        String body = response.body().string();
        StringBuilder text = new StringBuilder(response.request().method() + " " + response.request().url().encodedPath()
                + " answered " + response.code());
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                text.append(": ").append(problem.get("detail").asText());
            } else if (problem != null && problem.hasNonNull("error")) {
                text.append(": ").append(problem.get("error").asText());
            }
            if (problem != null && problem.has("errors") && problem.get("errors").isArray()) {
                for (JsonNode e : problem.get("errors")) {
                    text.append("\n  ").append(e.path("field").asText()).append(": ").append(e.path("message").asText());
                }
            }
        } catch (IOException notJson) {
            text.append(body.isBlank() ? "" : ": " + body.strip());
        }
        if (response.code() == 401) {
            text.append("\n(give a token with --token, or set QUESTLOG_TOKEN)");
        }
        return text.toString();
    }
}
