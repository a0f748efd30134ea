package questlog.app;

import io.javalin.http.Context;
import java.io.IOException;
import questlog.common.InvalidInputException;
import questlog.common.dataset.DatasetExporter;
import questlog.common.dataset.DatasetFormat;

/**
 * {@code GET /api/export}: the whole library as one dataset document, streamed as it is written
 * (see {@link DatasetExporter}); {@code ?format=} picks the format, Questlog's own lossless
 * {@code questlog-export} by default. It needs a token, since it includes private things.
 */
final class ExportRoute {
    private final DatasetExporter exporter;

    ExportRoute(DatasetExporter exporter) {
        this.exporter = exporter;
    }

    void get(Context ctx) throws IOException {
        DatasetFormat format = format(ctx.queryParam("format"));
        ctx.status(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"" + format.wireName() + ".json\"");
        exporter.export(ctx.outputStream(), format);
    }

    /**
     * The format named by a {@code format} parameter or option (wire name, or {@code export} /
     * {@code bench}); absent means {@link DatasetFormat#EXPORT}.
     */
    static DatasetFormat format(String name) {
        if (name == null || name.isBlank()) {
            return DatasetFormat.EXPORT;
        }
        return DatasetFormat.byName(name.strip()).orElseThrow(() -> InvalidInputException.of(400, "format",
                "must be " + DatasetFormat.names() + ", or export or bench for short (got '" + name + "')"));
    }
}
