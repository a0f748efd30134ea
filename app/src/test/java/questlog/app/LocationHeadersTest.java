package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeSteam;

/**
 * Every 201 of every route says where the new thing is: a {@code Location} that a GET answers
 * with the same thing. The routes that answer 201 are taken from the OpenAPI document, so a new
 * one without a case here fails the test.
 */
class LocationHeadersTest {
    static final FakeSteam steam = FakeSteam.start();
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true",
            "STEAM_API_KEY", FakeSteam.API_KEY, "STEAM_API_BASE_URL", steam.baseUrl()));
    static final SpecChecked api = new SpecChecked(app);

    /** Follows a 201's Location and checks that it answers the created thing (same {@code key} value). */
    static void assertLocated(TestApp.Response created, String key, String pathPrefix) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).as("Location of " + created).isNotNull().startsWith(pathPrefix);
        var fetched = app.get(location);
        assertThat(fetched.status()).as(location + " -> " + fetched).isEqualTo(200);
        assertThat(fetched.json().path(key).asText()).isEqualTo(created.json().path(key).asText()).isNotEmpty();
    }

    @Test
    void everyCreatedAnswerHasALocationThatAGetAnswers() {
        Set<String> exercised = new HashSet<>();

        assertLocated(api.post("/api/games", Map.of("name", "Okami")), "slug", "/api/games/okami");
        exercised.add("POST /api/games");
        assertLocated(api.post("/api/games/okami/editions", Map.of("name", "Okami HD", "edition_type", "remaster")),
                "slug", "/api/editions/");
        exercised.add("POST /api/games/{slug}/editions");
        assertLocated(api.post("/api/franchises", Map.of("name", "Mana")), "slug", "/api/franchises/mana");
        exercised.add("POST /api/franchises");
        assertLocated(api.post("/api/genres", Map.of("name", "Action RPG")), "slug", "/api/genres/action-rpg");
        exercised.add("POST /api/genres");

        var playthrough = api.post("/api/games/okami/playthroughs", Map.of("status", "planned"));
        assertLocated(playthrough, "id", "/api/playthroughs/");
        exercised.add("POST /api/games/{slug}/playthroughs");
        String playthroughId = playthrough.json().path("id").asText();
        assertLocated(api.post("/api/playthroughs/" + playthroughId + "/sessions", Map.of("minutes", 45)), "id",
                "/api/playthroughs/" + playthroughId + "/sessions/");
        exercised.add("POST /api/playthroughs/{id}/sessions");

        assertLocated(api.post("/api/lists", Map.of("name", "Brush strokes")), "slug", "/api/lists/brush-strokes");
        exercised.add("POST /api/lists");
        assertLocated(api.post("/api/lists/brush-strokes/entries", Map.of("game", "okami")), "work_slug",
                "/api/lists/brush-strokes/entries/okami");
        exercised.add("POST /api/lists/{slug}/entries");

        var webhook = app.post("/api/webhooks", Map.of("url", "http://127.0.0.1:9/hook"));
        assertThat(webhook.status()).isEqualTo(201);
        var fetched = app.send("GET", webhook.header("Location"), null, "Authorization", "Bearer " + app.writeToken());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("id").asText()).isEqualTo(webhook.json().path("id").asText());
        exercised.add("POST /api/webhooks");

        steam.account("76561197960287930", "Rabscuttle");
        assertLocated(api.post("/api/profiles/steam", Map.of("handle", "76561197960287930")), "id",
                "/api/profiles/steam/");
        exercised.add("POST /api/profiles/{plugin}");

        assertThat(exercised).containsExactlyInAnyOrderElementsOf(createdOperations());
    }

    @Test
    void theNewReadRoutesAnswer404WithTheOriginalStyleError() {
        for (String path : List.of("/api/franchises/nope", "/api/genres/nope", "/api/lists/nope/entries/okami",
                "/api/playthroughs/00000000-0000-0000-0000-000000000000/sessions/00000000-0000-0000-0000-000000000000",
                "/api/playthroughs/not-a-uuid/sessions/also-not")) {
            var missing = api.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith(ProblemDetail.CONTENT_TYPE);
            assertThat(missing.json().path("error").asText()).as(path).endsWith("not found");
        }
    }

    /** "METHOD path" of every operation the OpenAPI document says answers 201, each with a Location header. */
    static List<String> createdOperations() {
        JsonNode paths = app.get("/api/openapi.json").json().path("paths");
        List<String> created = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method -> {
            JsonNode response = paths.path(path).path(method).path("responses").path("201");
            if (!response.isMissingNode()) {
                assertThat(response.path("headers").has("Location")).as(method + " " + path).isTrue();
                created.add(method.toUpperCase() + " " + path);
            }
        }));
        return created;
    }
}
