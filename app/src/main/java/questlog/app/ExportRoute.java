package questlog.app;

import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code GET /api/export}: the whole library as one dataset document, streamed as it is written
 * (see {@link Exporter}). It needs a token, since it includes private lists.
 */
final class ExportRoute {
    private final Exporter exporter;

    ExportRoute(Exporter exporter) {
        this.exporter = exporter;
    }

    void get(Context ctx) throws IOException {
        ctx.status(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"questlog-export.json\"");
        exporter.export(ctx.outputStream());
    }
}
