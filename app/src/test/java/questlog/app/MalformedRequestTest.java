package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests Jetty rejects before routing still get a problem+json answer. */
class MalformedRequestTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    String raw(String requestLine) throws Exception {
        int port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anEncodedNulInThePathIsA400Problem() throws Exception {
        String response = raw("GET /api/games/%00 HTTP/1.1");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        var json = TestApp.JSON.readTree(body);
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body).doesNotContain("<html");
    }
}
