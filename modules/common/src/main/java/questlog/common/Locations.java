package questlog.common;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Location} of what a 201 created: an absolute path under the request's own
 * {@code /api}, so that a prefix the API is mounted under stays in it. Every 201 sends one, and
 * it is a URL a GET answers.
 */
public final class Locations {
    private Locations() {}

    /** {@code <prefix>/api/<segments...>}, each segment URL-encoded. */
    public static String of(Context ctx, String... segments) {
        String path = ctx.path();
        int api = path.indexOf("/api/");
        StringBuilder sb = new StringBuilder(api < 0 ? "/api" : path.substring(0, api + "/api".length()));
        for (String segment : segments) {
            sb.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }
}
