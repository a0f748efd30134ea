package questlog.app;

import java.util.List;
import java.util.Map;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/**
 * The routes app serves itself, described for the OpenAPI document: health, metrics, the API
 * docs and the export of the whole library. The records here are the JSON shapes of {@link Health}'s answers; the contract test
 * checks real answers against them.
 */
final class OpenApiAppRoutes {
    static final String TAG = "Operations";

    private OpenApiAppRoutes() {}

    /** {@code GET /health}. */
    record Liveness(String status) {}

    /** {@code GET /health/ready}: each check's name with "ok" or what failed. */
    record Readiness(String status, Map<String, String> checks) {}

    static List<ApiOperation> operations() {
        return ApiOperation.tagged(TAG, List.of(
                ApiOperation.get("/health", "Liveness", ApiResponse.ok(Liveness.class))
                        .withDescription("Answers `{\"status\": \"ok\"}` while the process serves requests. "
                                + "Also at `/health/`, as the original API had it.")
                        .withAccess(Access.PUBLIC),
                ApiOperation.get("/health/ready", "Readiness", ApiResponse.ok(Readiness.class))
                        .withDescription("Ready when the database answers within two seconds, the background job "
                                + "runner is running (`checks.jobs`) and, with REDIS_URL, Redis is connected. When not "
                                + "ready: 503, a problem whose `checks` member names the failing check.")
                        .withAccess(Access.PUBLIC)
                        .withProblems(503),
                ApiOperation.get("/metrics", "Prometheus metrics",
                                ApiResponse.ok(ApiBody.raw("text/plain; version=0.0.4; charset=utf-8")))
                        .withDescription("JVM, connection pool and HTTP request metrics in the Prometheus text format. "
                                + "Requests are labelled by route template, never by raw path.")
                        .withAccess(Access.PUBLIC),
                ApiOperation.get("/api/openapi.json", "This document", ApiResponse.ok(Map.class))
                        .withDescription("The OpenAPI 3.1 description of every route, generated from the code at startup.")
                        .withAccess(Access.PUBLIC),
                ApiOperation.get("/api/docs", "Browsable API docs",
                                ApiResponse.ok(ApiBody.raw("text/html; charset=utf-8")))
                        .withDescription("Swagger UI over this document, served from the server itself (works offline).")
                        .withAccess(Access.PUBLIC),
                ApiOperation.get("/api/docs/assets/{file}", "A file of the docs page",
                                ApiResponse.ok(ApiBody.raw("*/*")))
                        .withDescription("Swagger UI's script, style sheet and icons, and the page's own script.")
                        .withParams(ApiParam.path("file", "e.g. swagger-ui-bundle.js"))
                        .withAccess(Access.PUBLIC)
                        .withProblems(404),
                ApiOperation.get("/api/export", "Export the whole library", ApiResponse.ok(Map.class))
                        .withDescription("""
                                Every genre, franchise, game, edition, playthrough, list and list entry as one \
                                dataset document (format `questlog-bench-dataset`, version 1), the format POST \
                                /api/import reads, streamed as it is written. Records come in a fixed order and the \
                                document holds nothing time-dependent, so importing an export into an empty database \
                                and exporting again gives the same bytes. What the format has no field for is not \
                                exported: play sessions (only their sum, as playtime_hours), playthrough status, \
                                completion and source, and whether a list is public. It needs a token because it \
                                includes private lists.""")
                        .withAccess(Access.WRITE)
                        .withTag("Import and export")));
    }
}
