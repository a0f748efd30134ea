package questlog.app;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ConflictResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import questlog.common.InvalidInputException;
import questlog.common.dataset.DatasetImporter;
import questlog.common.dataset.DatasetProblem;
import questlog.common.dataset.ImportConflictException;
import questlog.common.dataset.ImportReport;
import questlog.library.LibraryModule;

/**
 * POST /api/import (write access): a dataset document (every module's sections, see
 * {@link DatasetImporter}) or the original Questlog's {@code {franchises, works, editions}}
 * body (the library's), told apart by its keys ({@link ImportBodyReader}).
 * {@code ?dry_run=true} checks and counts everything, then rolls back.
 * <p>
 * The body is streamed from the request, never buffered whole, so the general body cap does not
 * apply; this route has its own, 256 MiB by default, checked against Content-Length up front and
 * counted while reading (413). Answers: 200 with the report (dataset) or the original's counts;
 * 422 for a dataset with problems, as a problem+json whose members are the report's; 400 for
 * malformed JSON; 409 when a concurrent write collided.
 */
final class ImportRoute {
    private static final String PROBLEM_TYPE = ProblemDetail.TYPE_BASE + "invalid-input";

    private final DatasetImporter importer;
    private final LibraryModule library;
    private final ImportBodyReader reader;
    private final ObjectMapper json;
    private final long maxBytes;

    ImportRoute(DatasetImporter importer, LibraryModule library, ObjectMapper json, long maxBytes) {
        this.importer = importer;
        this.library = library;
        this.reader = new ImportBodyReader(json, importer);
        this.json = json;
        this.maxBytes = maxBytes;
    }

    void create(Context ctx) throws IOException {
        boolean dryRun = dryRun(ctx.queryParam("dry_run"));
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ContentTooLargeResponse(tooLarge());
        }
        long started = System.nanoTime();
        try {
            switch (reader.read(new SizeLimit(ctx.bodyInputStream(), maxBytes))) {
                case ImportBodyReader.Dataset dataset -> {
                    ImportReport report = importer.load(dataset.document(), dryRun, started);
                    LargeImports.returnMemory(report);
                    if (report.ok()) {
                        ctx.json(report);
                    } else {
                        unprocessable(ctx, report);
                    }
                }
                case ImportBodyReader.Legacy legacy -> ctx.json(library.importLegacy(legacy.body(), dryRun));
            }
        } catch (ImportConflictException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    /**
     * {@code ?dry_run}: true, 1, yes or no value; false, 0 or no. Anything else is a 400 rather
     * than a silent real import.
     */
    static boolean dryRun(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw InvalidInputException.of(400, "dry_run", "must be true or false (got '" + value + "')");
        };
    }

    /**
     * The 422 for a dataset with problems. The shared problem format has room for
     * {@code {field, message}} errors only, while an import error also names its section, index,
     * id and slug; so this answer is written here: the problem members, then the report's.
     */
    private void unprocessable(Context ctx, ImportReport report) throws IOException {
        String detail = report.errorCount() == 1
                ? describe(report.errors().getFirst())
                : "The document has " + report.errorCount() + " problems; nothing was imported";
        var problem = new Problem(PROBLEM_TYPE, HttpStatus.UNPROCESSABLE_CONTENT.getMessage(), 422, detail, ctx.path(), report);
        ctx.status(422).contentType(ProblemDetail.CONTENT_TYPE).result(json.writeValueAsBytes(problem));
    }

    private static String describe(DatasetProblem error) {
        String field = error.field() == null ? "" : error.field() + ": ";
        return field + error.message() + "; nothing was imported";
    }

    private String tooLarge() {
        return "The import body is larger than " + maxBytes + " bytes";
    }

    /** RFC 9457 members first, then every member of the report. */
    record Problem(String type, String title, int status, String detail, String instance,
                   @JsonUnwrapped ImportReport report) {}

    /** Counts the bytes read and stops the import once there are more than the cap. */
    private final class SizeLimit extends FilterInputStream {
        private final long max;
        private long count;

        SizeLimit(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > max) {
                throw new ContentTooLargeResponse(tooLarge());
            }
        }
    }
}
