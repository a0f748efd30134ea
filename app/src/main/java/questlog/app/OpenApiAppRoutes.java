package questlog.app;

import java.util.List;
import java.util.Map;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;
import questlog.common.dataset.ImportReport;

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
                ApiOperation.post("/api/import", "Import a dataset document, or the original Questlog's export",
                                ApiResponse.ok(ImportReport.class))
                        .withDescription("""
                                A dataset document (format `questlog-export` or `questlog-bench-dataset`, version \
                                1) answers with this report: every section of the format loads in one transaction, \
                                each checked against the ones before it, all or nothing (422 with every problem, \
                                the report's members beside the problem's). Every field is held to what the API \
                                takes for it (text storable as sent, lengths, ranges such as an edition's \
                                `release_date` in 1940 to 2200), in both formats. Genres, franchises, games (by igdb_id, \
                                then slug) and editions (by slug, within their game) that the library has under \
                                another id are matched onto it and counted as `matched`. The original Questlog's \
                                `{franchises, works, editions}` body answers with its counts \
                                (`LegacyImportResult`). An empty object is a 422. `dry_run=true` checks and counts, \
                                then rolls back. This endpoint always loads row by row, so reads never wait for \
                                it (the CLI's `import json` loads large documents into empty tables in bulk when \
                                nothing else is connected to the database).""")
                        .withParams(ApiParam.query("dry_run", Boolean.class, "Check and count only"))
                        .withBody(ApiBody.of(Map.class))
                        .withProblems(409, 413, 422)
                        .withTag("Import and export"),
                ApiOperation.get("/api/export", "Export the whole library", ApiResponse.ok(Map.class))
                        .withDescription("""
                                The whole library as one dataset document, the format POST /api/import reads, \
                                streamed as it is written. `format=questlog-export` (the default; `export` for \
                                short) is Questlog's own versioned backup format, documented in the repository \
                                (docs/formats/questlog-export.md): every field of every table a user entered, \
                                sessions, list visibility and history, timestamps to the microsecond, webhooks \
                                without their secrets. `format=questlog-bench-dataset` (`bench`) writes the shared \
                                benchmark format, which has no field for sessions, statuses, visibility or \
                                timestamps. Records come in a fixed order, so importing an export into an empty \
                                database and exporting again gives the same bytes. It needs a token because it \
                                includes private things.""")
                        .withParams(ApiParam.query("format", String.class,
                                "questlog-export (default) or questlog-bench-dataset; export or bench for short"))
                        .withAccess(Access.WRITE)
                        .withProblems(400)
                        .withTag("Import and export")));
    }
}
