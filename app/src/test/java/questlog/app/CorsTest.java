package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORS as a browser meets it: real preflights (OPTIONS with Origin and the Access-Control-Request
 * headers a page's PATCH with a token and a JSON body triggers) and actual requests, sent with a
 * plain JDK client so that the Origin and method are ours to choose; with the default
 * {@code CORS_ORIGINS=*} and with a restricted list.
 */
class CorsTest {
    static final String SITE = "https://site.example";
    static final String DEV = "http://localhost:4321";

    @RegisterExtension
    static final TestApp open = new TestApp();

    @RegisterExtension
    static final TestApp restricted = new TestApp(Map.of("CORS_ORIGINS", SITE + ", localhost:4321 ,http://localhost:4321"));

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> preflight(TestApp app, String path, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static List<String> allowHeaders(HttpResponse<?> response) {
        return response.headers().map().keySet().stream()
                .filter(name -> name.toLowerCase().startsWith("access-control-")).toList();
    }

    static void assertGoodPreflight(HttpResponse<String> response, String allowedOrigin) {
        assertThat(response.statusCode()).as(response.headers().map().toString()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(allowedOrigin);
        assertThat(header(response, "Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(header(response, "Access-Control-Allow-Headers").toLowerCase()).contains("authorization").contains("content-type");
        assertThat(header(response, "Access-Control-Max-Age")).isEqualTo(Integer.toString(Cors.MAX_AGE_SECONDS));
        assertThat(header(response, "Content-Type")).isNull();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anyOriginGetsAPreflightAnswerWithoutBodyThatBrowsersMayCache() throws Exception {
        assertGoodPreflight(preflight(open, "/api/lists/favourites", "https://anywhere.example"), "*");
        // a route that has no PATCH and a path that does not exist: the actual request will say so, readably
        assertGoodPreflight(preflight(open, "/api/games", "https://anywhere.example"), "*");
        assertGoodPreflight(preflight(open, "/api/no-such-thing/", "https://anywhere.example"), "*");
    }

    @Test
    void aListedOriginIsEchoedAndOthersGetNoAllowHeaders() throws Exception {
        var listed = preflight(restricted, "/api/lists/favourites", SITE);
        assertGoodPreflight(listed, SITE);
        assertThat(header(listed, "Vary")).contains("Origin");
        assertGoodPreflight(preflight(restricted, "/api/lists/favourites", DEV), DEV);
        // an entry without a scheme is an https origin, as before
        assertGoodPreflight(preflight(restricted, "/api/lists/favourites", "https://localhost:4321"), "https://localhost:4321");

        for (String stranger : List.of("https://evil.example", "https://site.example.evil.example", "http://site.example", "null")) {
            var refused = preflight(restricted, "/api/lists/favourites", stranger);
            assertThat(refused.statusCode()).as(stranger).isEqualTo(403);
            assertThat(allowHeaders(refused)).as(stranger).isEmpty();
            assertThat(header(refused, "Content-Type")).startsWith(ProblemDetail.CONTENT_TYPE);
        }
    }

    @Test
    void actualResponsesExposeTheHeadersPagesNeed() throws Exception {
        for (TestApp app : List.of(open, restricted)) {
            var created = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/lists"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Cors " + app.baseUrl().hashCode() + "\"}"))
                    .header("Origin", SITE)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + app.writeToken())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(header(created, "Location")).startsWith("/api/lists/cors-");
            assertThat(header(created, "Access-Control-Allow-Origin")).isEqualTo(app == open ? "*" : SITE);
            assertThat(exposed(created)).contains("location", "etag", "x-request-id", "retry-after", "www-authenticate");

            var unauthorized = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/lists"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Origin", SITE)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(header(unauthorized, "WWW-Authenticate")).startsWith("Bearer");
            assertThat(exposed(unauthorized)).contains("www-authenticate");
        }
    }

    @Test
    void aStrangerOriginIsServedNormallyButWithoutCorsHeaders() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(restricted.baseUrl() + "/api/lists"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        // the browser keeps the answer from the page; the server does not turn the read into an error
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(allowHeaders(response)).isEmpty();
        assertThat(header(response, "Vary")).contains("Origin");
    }

    @Test
    void requestsWithoutOriginGetNoCorsHeaders() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(open.baseUrl() + "/api/lists")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(allowHeaders(response)).isEmpty();
    }

    static List<String> exposed(HttpResponse<?> response) {
        String value = header(response, "Access-Control-Expose-Headers");
        assertThat(value).isNotNull();
        return List.of(value.toLowerCase().split("\\s*,\\s*"));
    }
}
