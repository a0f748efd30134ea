package questlog.common;

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
    }
}
