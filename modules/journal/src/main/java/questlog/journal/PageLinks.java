package questlog.journal;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import questlog.common.Page;

/** The {@code next} link of a page: the same path and query with another {@code offset}. */
final class PageLinks {
    private PageLinks() {}

    static Page.PageLink of(Context ctx) {
        String path = ctx.path();
        Map<String, List<String>> params = ctx.queryParamMap();
        return offset -> {
            StringJoiner query = new StringJoiner("&");
            params.forEach((name, values) -> {
                if (!name.equals("offset")) {
                    values.forEach(v -> query.add(encode(name) + "=" + encode(v)));
                }
            });
            query.add("offset=" + offset);
            return path + "?" + query;
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
