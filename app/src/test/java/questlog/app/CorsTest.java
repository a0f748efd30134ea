package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.StreamClient;

/**
 * CORS as a browser meets it: real preflights (OPTIONS with Origin and the Access-Control-Request
 * headers a page's PATCH with a token and a JSON body triggers) and actual requests, sent with a
 * plain JDK client so that the Origin and method are ours to choose; with the default
 * {@code CORS_ORIGINS=*} and with a restricted list. The same list decides which pages may open
 * the event socket.
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

    @Test
    void theEventSocketAcceptsPagesOfListedOriginsAndProgramsWithoutOrigin() {
        for (var client : List.of(
                StreamClient.attempt(restricted.wsUrl(""), Map.of("Origin", SITE)),
                StreamClient.attempt(restricted.wsUrl(""), Map.of()),
                StreamClient.attempt(open.wsUrl(""), Map.of("Origin", "https://evil.example")))) {
            try {
                assertThat(client.opened).as(client.getURI() + " " + client.closeReason).isTrue();
            } finally {
                client.shut();
            }
        }
        StreamClient stranger = StreamClient.attempt(restricted.wsUrl(""), Map.of("Origin", "https://evil.example"));
        assertThat(stranger.opened).isFalse();
    }

    @Test
    void anUpgradeFromAnotherOriginIsRefusedWith403BeforeTheUpgrade() throws Exception {
        RawAnswer refused = upgrade(restricted, "https://evil.example");
        assertThat(refused.statusLine()).contains(" 403 ");
        assertThat(refused.headers().toLowerCase()).contains("content-type: application/problem+json").doesNotContain("upgrade: websocket");
        assertThat(TestApp.JSON.readTree(refused.body()).path("detail").asText()).contains("https://evil.example");

        assertThat(upgrade(restricted, SITE).statusLine()).contains(" 101 ");
        assertThat(upgrade(open, "https://evil.example").statusLine()).contains(" 101 ");
    }

    record RawAnswer(String statusLine, String headers, String body) {}

    /** A WebSocket upgrade request as a browser sends it, over a plain socket; the answer up to its body. */
    static RawAnswer upgrade(TestApp app, String origin) throws Exception {
        URI uri = URI.create(app.baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + App.EVENTS_SOCKET + "/ HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: " + origin + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var in = new BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            String[] lines = head.toString().split("\r\n");
            int length = 0;
            for (String line : lines) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return new RawAnswer(lines[0], head.toString(), new String(body, StandardCharsets.UTF_8));
        }
    }

    static List<String> exposed(HttpResponse<?> response) {
        String value = header(response, "Access-Control-Expose-Headers");
        assertThat(value).isNotNull();
        return List.of(value.toLowerCase().split("\\s*,\\s*"));
    }
}
