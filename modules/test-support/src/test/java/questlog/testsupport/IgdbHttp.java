package questlog.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A bare IGDB client over the JDK HttpClient, speaking to a {@link FakeIgdb} as a real client would. */
final class IgdbHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final FakeIgdb igdb;
    private String token;

    IgdbHttp(FakeIgdb igdb) {
        this.igdb = igdb;
    }

    /** Mints a token the usual way (form body) and uses it from now on. */
    String mintToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(igdb.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + FakeIgdb.CLIENT_ID + "&client_secret="
                        + FakeIgdb.CLIENT_SECRET + "&grant_type=client_credentials"))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        token = json(response).get("access_token").asText();
        return token;
    }

    HttpResponse<String> post(String endpoint, String body) {
        return send(request(endpoint, body).build());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String endpoint, String body) {
        return CLIENT.sendAsync(request(endpoint, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body parsed; fails the test on a non-200. */
    JsonNode query(String endpoint, String body) {
        HttpResponse<String> response = post(endpoint, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    HttpRequest.Builder request(String endpoint, String body) {
        if (token == null) {
            mintToken();
        }
        return HttpRequest.newBuilder(URI.create(igdb.igdbBaseUrl() + endpoint))
                .header("Client-ID", FakeIgdb.CLIENT_ID)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
