package questlog.common;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The envelope of every canonical list endpoint: {@code {"items", "total", "limit", "offset", "next"}}.
 * {@code next} is the absolute-path URL of the following page, or null on the last page.
 */
public record Page<T>(List<T> items, long total, int limit, int offset, String next) {

    /** Builds the page, deriving {@code next} from the request path and query by moving {@code offset}. */
    public static <T> Page<T> of(List<T> items, long total, int limit, int offset, PageLink link) {
        String next = offset + items.size() < total && !items.isEmpty() ? link.withOffset(offset + limit) : null;
        return new Page<>(items, total, limit, offset, next);
    }

    /** Renders the URL of another page of the same query. */
    @FunctionalInterface
    public interface PageLink {
        String withOffset(int offset);

        /**
         * The request's own path and query with {@code offset} moved: the other parameters stay
         * in their order and encoding, as the client sent them.
         */
        static PageLink sameQuery(Context ctx) {
            List<String> kept = new ArrayList<>();
            String query = ctx.queryString();
            if (query != null && !query.isEmpty()) {
                for (String part : query.split("&")) {
                    if (!part.isEmpty() && !part.equals("offset") && !part.startsWith("offset=")) {
                        kept.add(part);
                    }
                }
            }
            String path = ctx.path();
            return offset -> {
                List<String> parts = new ArrayList<>(kept);
                parts.add("offset=" + offset);
                return path + "?" + String.join("&", parts);
            };
        }
    }
}
