package questlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Questlog HTTP API as the MCP tools see it: GETs and POSTs of JSON with one caller's
 * {@code Authorization}. Every tool goes through it, over stdio against a remote server and inside
 * the server itself (against its own port), so the API's rules (tokens, scopes, private reads,
 * validation) are the tools' rules too, and no tool reads another module's tables.
 */
public final class QuestlogApi {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60)).build();

    private final HttpUrl base;
    private final String authorization;
    private final ObjectMapper json;

    /** {@code authorization} is the whole header value ({@code Bearer …}) or null for none. */
    public QuestlogApi(String baseUrl, String authorization, ObjectMapper json) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = parsed;
        this.authorization = authorization;
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * GET the path made of {@code segments} (below the base URL, e.g. {@code ["api", "games", slug]})
     * with the query parameters that are not null.
     */
    public JsonNode get(List<String> segments, Map<String, ?> query) {
        HttpUrl.Builder url = url(segments);
        query.forEach((name, value) -> {
            if (value != null) {
                url.addQueryParameter(name, value.toString());
            }
        });
        return send(new Request.Builder().url(url.build()).get());
    }

    public JsonNode get(List<String> segments) {
        return get(segments, Map.of());
    }

    /** POST {@code body} as JSON to the path made of {@code segments}. */
    public JsonNode post(List<String> segments, Object body) {
        try {
            return send(new Request.Builder().url(url(segments).build())
                    .post(RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URL of the path made of {@code segments}, each encoded as one segment (a {@code /} in it
     * is {@code %2F}). A dot segment, which OkHttp would resolve, or an empty one is refused, so no
     * value can leave its place in the URL or reach another route.
     */
    HttpUrl.Builder url(List<String> segments) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a path segment: '" + segment + "'");
            }
            url.addPathSegment(segment);
        }
        return url;
    }

    private JsonNode send(Request.Builder request) {
        request.header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = SHARED.newCall(request.build()).execute()) {
            String text = response.body().string();
            JsonNode body = text.isBlank() ? json.nullNode() : json.readTree(text);
            if (!response.isSuccessful()) {
                throw ApiException.from(response.code(), body);
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(0, "The Questlog server at " + base + " could not be reached: " + e.getMessage());
        }
    }
}
