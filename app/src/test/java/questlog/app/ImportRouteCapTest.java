package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The import route's own body cap, with a small cap so the test stays cheap: bodies of unknown
 * length are counted while read, a declared Content-Length is checked before reading. (The
 * route tests cover the real cap, the problem bodies and authentication.)
 */
class ImportRouteCapTest {
    static final long CAP = 2048;

    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_MAX_IMPORT_BYTES", Long.toString(CAP)));

    static final ObjectMapper JSON = TestApp.JSON;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBodyUnderTheCapIsImported() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("""
                {"franchises": [{"name": "Zelda", "slug": "zelda"}], "works": [], "editions": []}"""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("franchises_created").asInt()).isEqualTo(1);
    }

    @Test
    void aStreamedBodyOverTheCapIsStoppedWhileReading() throws Exception {
        // No Content-Length: the body arrives chunked and only counting can catch it.
        byte[] big = datasetOfSize(10 * CAP);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
        // Claims more than the cap and sends almost nothing: the answer must not wait for the rest.
        try (Socket socket = new Socket("127.0.0.1", URI.create(app.baseUrl()).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + app.writeToken() + "\r\n"
                    + "Content-Length: " + (CAP + 1) + "\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 413");
        }
    }

    private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/import?dry_run=true"))
                .header("Authorization", "Bearer " + app.writeToken())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A valid dataset document of at least {@code bytes} bytes (long genre names). */
    static byte[] datasetOfSize(long bytes) {
        StringBuilder doc = new StringBuilder("{\"format\": \"questlog-bench-dataset\", \"version\": 1, \"genres\": [");
        for (int i = 0; doc.length() < bytes; i++) {
            if (i > 0) {
                doc.append(',');
            }
            doc.append("{\"id\": \"").append(new java.util.UUID(0, i + 1)).append("\", \"slug\": \"genre-").append(i)
                    .append("\", \"name\": \"Genre ").append("x".repeat(200)).append(i).append("\"}");
        }
        return doc.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
