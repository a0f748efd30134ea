package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A HEAD request is answered as the GET of the same URL (status and headers: content type,
 * length, ETag), without the body; where no GET is routed it is a 405 that says which methods
 * are, in {@code Allow}.
 */
class HeadRequestsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @BeforeAll
    static void catalog() {
        new Catalog(app.deps().jdbi()).game("celeste", "Celeste", null);
    }

    static TestApp.Response head(String path, String... headers) {
        return app.send("HEAD", path, null, headers);
    }

    /** The status line and headers of a raw HEAD, and whatever came after them (must be nothing). */
    static String[] rawHead(String path) throws Exception {
        int port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            return new String[] {response.substring(0, end), response.substring(end + 4)};
        }
    }

    static void assertSameHeaders(TestApp.Response head, TestApp.Response get, String what) {
        assertThat(head.status()).as(what + ": " + head.headers()).isEqualTo(get.status());
        for (String name : List.of("Content-Type", "ETag")) {
            assertThat(head.header(name)).as(what + " " + name).isEqualTo(get.header(name));
        }
        // A GET streamed in chunks has no Content-Length; a HEAD may still say how long it is.
        if (get.header("Content-Length") != null || head.header("Content-Length") != null) {
            assertThat(head.header("Content-Length")).as(what + " Content-Length")
                    .isEqualTo(Integer.toString(get.bytes().length));
        }
        assertThat(head.bytes()).as(what).isEmpty();
    }

    @Test
    void aMissingResourceIsA404AsForGet() {
        var get = app.get("/api/games/nope");
        assertThat(get.status()).isEqualTo(404);
        var head = head("/api/games/nope");
        assertSameHeaders(head, get, "HEAD /api/games/nope");
        assertThat(head.contentType()).startsWith("application/problem+json");
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.bytes().length));
    }

    @Test
    void anExistingResourceHasTheGetsTypeLengthAndETag() {
        for (String path : List.of("/api/games/celeste", "/api/games", "/api/genres", "/api/openapi.json",
                "/api/stats", "/health")) {
            var get = app.get(path);
            assertThat(get.status()).as(path).isEqualTo(200);
            // twice: the second may be answered from the read cache, before routing
            for (int i = 0; i < 2; i++) {
                var head = head(path);
                assertSameHeaders(head, get, "HEAD " + path);
                assertThat(head.header("Content-Type")).as(path).startsWith("application/json");
            }
        }
        var get = app.get("/api/games/celeste");
        assertThat(get.header("ETag")).isNotBlank();
        assertThat(get.header("Content-Length")).isEqualTo(Integer.toString(get.bytes().length));
    }

    @Test
    void aTokenHolderAndAPageOnAnotherOriginGetTheSameAsForGet() {
        String[] token = {"Authorization", "Bearer " + app.writeToken()};
        assertSameHeaders(head("/api/games/celeste", token), app.get("/api/games/celeste", token), "with a token");
        assertSameHeaders(head("/api/webhooks", token), app.get("/api/webhooks", token), "a write-only read");
        var get = app.get("/api/genres", "Origin", "https://site.example");
        var head = head("/api/genres", "Origin", "https://site.example");
        assertSameHeaders(head, get, "cross-origin");
        assertThat(head.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(head("/api/webhooks").status()).as("no token").isEqualTo(401);
    }

    @Test
    void aMatchingETagIsA304() {
        String etag = app.get("/api/games/celeste").header("ETag");
        var head = head("/api/games/celeste", "If-None-Match", etag);
        assertThat(head.status()).isEqualTo(304);
        assertThat(head.header("ETag")).isEqualTo(etag);
    }

    @Test
    void noBodyIsSentEvenWhereGetHasOne() throws Exception {
        for (String path : List.of("/api/games/celeste", "/api/games/nope", "/api/import", "/api/genres")) {
            String[] response = rawHead(path);
            assertThat(response[1]).as("bytes after the headers of HEAD " + path + ":\n" + response[0]).isEmpty();
        }
        String[] found = rawHead("/api/games/celeste");
        assertThat(found[0]).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/json")
                .containsIgnoringCase("ETag: ");
    }

    @Test
    void headWhereNoGetIsRoutedIsA405WithAllow() {
        var head = head("/api/import");
        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("Allow")).isEqualTo("POST");
        assertThat(head.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theRequestLogAndMetricsCountHeadAsHead() {
        head("/api/genres");
        head("/api/genres");
        String metrics = app.get("/metrics").body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"HEAD\"");
    }

    @Test
    void writesAreNotReachedByHead() {
        // HEAD of a path with both GET and POST runs the GET, never the write.
        int before = app.get("/api/genres").json().size();
        var head = app.send("HEAD", "/api/genres", null, "Authorization", "Bearer " + app.writeToken());
        assertThat(head.status()).isEqualTo(200);
        assertThat(app.get("/api/genres").json().size()).isEqualTo(before);
    }
}
