package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping the server lets a request already in flight finish with its real answer. */
class GracefulShutdownTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @Test
    void aRequestInFlightFinishesWhileTheServerStops() throws Exception {
        String body = "{\"franchises\":[{\"name\":\"Mana\",\"slug\":\"mana\"}],\"works\":[],\"editions\":[]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        int port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + app.writeToken() + "\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, half);
            out.flush();
            // Wait until the server is handling it (on a busy machine that can take a while).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (app.requestsInFlight() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(app.requestsInFlight()).isEqualTo(1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stopServer);
            Thread.sleep(300);
            assertThat(stopping).isNotDone();   // it waits for the request in flight
            out.write(bytes, half, bytes.length - half);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains("\"franchises_created\":1");
            stopping.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
