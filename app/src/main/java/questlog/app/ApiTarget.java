package questlog.app;

import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The server a client command talks to over HTTP: {@code --api URL} (default this machine's
 * server, {@code http://127.0.0.1:$PORT}) and {@code --token T} (default {@code $QUESTLOG_TOKEN},
 * then {@code $QUESTLOG_API_KEY}). The import commands share no tables with it: they could run
 * anywhere.
 */
record ApiTarget(HttpUrl base, String token) {

    static ApiTarget of(String api, String token, int localPort) {
        String url = api != null ? api : "http://127.0.0.1:" + localPort;
        HttpUrl base = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
        if (base == null) {
            throw new Main.UserError("--api must be an http(s) URL, not '" + url + "'");
        }
        String secret = token != null ? token
                : System.getenv("QUESTLOG_TOKEN") != null ? System.getenv("QUESTLOG_TOKEN") : System.getenv("QUESTLOG_API_KEY");
        return new ApiTarget(base, secret);
    }

    /** {@code path} (without a leading slash, e.g. {@code api/import/gist}) on the server. */
    HttpUrl.Builder url(String path) {
        return base.newBuilder().addPathSegments(path);
    }

    /** A request with the token, when there is one. */
    Request.Builder request(HttpUrl url) {
        Request.Builder request = new Request.Builder().url(url);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** An HTTP client for long calls: an import answers when it is done. */
    static OkHttpClient client() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(10))
                .writeTimeout(Duration.ofMinutes(1))
                .build();
    }
}
