package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every read route of the original Questlog the served OpenAPI document lists (the library's and
 * every installed profile plugin's), and every plugin's per-profile view, through the real app
 * on an empty library: each answers as documented, a 200 or a problem+json 404 that carries the
 * original's {@code error} member, never anything else. It names no plugin, so it holds for
 * whichever plugins app installs.
 */
class OriginalRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    static List<String> getPaths(JsonNode document, java.util.function.Predicate<JsonNode> which) {
        List<String> paths = new ArrayList<>();
        for (var path : document.get("paths").properties()) {
            JsonNode get = path.getValue().get("get");
            if (get != null && which.test(get)) {
                paths.add(path.getKey());
            }
        }
        return paths;
    }

    static boolean tagged(JsonNode operation, String tag) {
        for (JsonNode t : operation.path("tags")) {
            if (t.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyOriginalRouteAnswersItsDefaultOrAnOriginal404() {
        JsonNode document = app.get("/api/openapi.json").json();
        List<String> original = getPaths(document, op -> tagged(op, "Original Questlog API"));
        assertThat(original).as("the library's and Steam's original routes at least")
                .contains("/api/works", "/api/steam/player");
        List<String> failures = new ArrayList<>();
        int notFound = 0;
        for (String template : original) {
            String path = template.replaceAll("\\{[^}]+}", "0");
            TestApp.Response response = api.get(path);
            if (response.status() == 200) {
                continue;
            }
            notFound++;
            if (response.status() != 404 || !response.contentType().startsWith(ProblemDetail.CONTENT_TYPE)
                    || response.json().path("error").asText("").isEmpty()) {
                failures.add(path + " → " + response.status() + " " + response.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(notFound).as("routes that answered their 404 (an unknown work, at least)").isPositive();
    }

    @Test
    void everyPluginsProfileViewIsA404ProblemForAProfileThatDoesNotExist() {
        JsonNode document = app.get("/api/openapi.json").json();
        List<String> views = getPaths(document, op -> tagged(op, "Profiles")).stream()
                .filter(p -> p.matches("/api/profiles/[a-z][a-z0-9_]*/\\{id}/.+")).toList();
        assertThat(views).as("Steam's views at least").contains("/api/profiles/steam/{id}/player");
        for (String template : views) {
            String path = template.replace("{id}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "0");
            TestApp.Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith(ProblemDetail.CONTENT_TYPE);
            assertThat(response.json().get("error").asText()).as(path).isEqualTo("Profile not found");
        }
    }
}
