package questlog.realtime;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import questlog.common.FieldErrors;
import questlog.common.Page;

/** The limit/offset rules of list endpoints (limit 1–5000) and their next-page links. */
final class Paging {
    static final int MAX_LIMIT = 5000;

    private Paging() {}

    static void check(int limit, int offset) {
        new FieldErrors()
                .check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .check(offset >= 0, "offset", "must be 0 or more")
                .throwIfBadRequest();
    }

    /** The request's own path and query with {@code offset} replaced. */
    static Page.PageLink link(Context ctx, int limit) {
        return offset -> url(ctx, Map.of("limit", Integer.toString(limit), "offset", Integer.toString(offset)));
    }

    /** The request's path (without a trailing slash) and query, with {@code replaced} parameters set. */
    static String url(Context ctx, Map<String, String> replaced) {
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> {
            if (!values.isEmpty()) {
                query.put(key, String.join(",", values));
            }
        });
        query.putAll(replaced);
        String path = ctx.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (var entry : query.entrySet()) {
            sb.append(sep).append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
