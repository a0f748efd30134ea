package questlog.overlay;

import java.util.List;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The overlay's routes as the OpenAPI document shows them. */
final class OverlayApi {
    private OverlayApi() {}

    static List<ApiOperation> operations() {
        return ApiOperation.tagged("Stream overlay", List.of(
                ApiOperation.get(OverlayModule.PATH, "The stream overlay page",
                                ApiResponse.ok(ApiBody.raw("text/html; charset=utf-8")))
                        .withDescription("""
                                A transparent page for an OBS browser source (also at `/overlay/`): it follows the \
                                live event socket, resumes with `since` after a drop, and shows animated cards for \
                                "now playing", "completed!" (rating and hours), list changes and sync progress. \
                                Query options: `types` (short or full event type names, comma-separated), \
                                `theme` (`dark`, `light`, `glass`), `duration` (seconds a card stays, 1–120), \
                                `position` (`top-left`, `top-right`, `bottom-left`, `bottom-right`), `max` (cards \
                                at once), `token` (needed when QUESTLOG_PRIVATE=true). See the README's overlay \
                                section.""")
                        .withParams(ApiParam.query("types", String.class, "Event types to show (default: the four kinds)"),
                                ApiParam.query("theme", String.class, "dark (default), light or glass"),
                                ApiParam.query("duration", Integer.class, "Seconds a card stays (default 8)"),
                                ApiParam.query("position", String.class, "Corner (default bottom-right)"),
                                ApiParam.query("max", Integer.class, "Cards shown at once (default 3)"),
                                ApiParam.query("token", String.class, "A read token, when reads are private"))
                        .withAccess(Access.PUBLIC),
                ApiOperation.get(OverlayModule.PATH + "/{file}", "A file of the overlay page",
                                ApiResponse.ok(ApiBody.raw("*/*")))
                        .withDescription("`index.html` (the page), `overlay.css`, `overlay.js`.")
                        .withParams(ApiParam.path("file", "index.html, overlay.css or overlay.js"))
                        .withAccess(Access.PUBLIC)
                        .withProblems(404)));
    }
}
