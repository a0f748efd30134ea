package questlog.app;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The route template a request matched ({@code /api/games/{slug}}), never its raw path. */
final class Routes {
    private Routes() {}

    /**
     * The matched HTTP endpoint's path, without a trailing slash; {@code "unmatched"} when none
     * matched (a 404). Before and after handlers have endpoints of their own ({@code *}), so
     * {@code ctx.endpoint()} there is not the route.
     */
    static String template(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched == null) {
            return "unmatched";
        }
        String path = matched.path;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
