package questlog.importers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.InvalidInputException;

/**
 * {@code POST /api/import/gist}: the body is the gist's Markdown (UTF-8), {@code ?dry_run=true}
 * reports without writing. A body that is empty, not UTF-8, or holds a NUL character is a 400
 * naming {@code body}; anything the parser does not understand is a skipped line in the report,
 * not an error.
 *
 * <p>A client that asks for {@code Accept: application/x-ndjson} (the command line, for its
 * progress bar) gets the answer as lines instead: {@code {"progress": {"done", "total"}}} while
 * the import runs, then {@code {"report": ...}}, or {@code {"error": {"status", "detail"}}} when
 * it failed (the status line was sent before the import ended; nothing was written then).
 */
final class GistController {
    private static final Logger log = LoggerFactory.getLogger(GistController.class);
    static final String NDJSON = "application/x-ndjson";
    /** At most this often a progress line: enough for a bar, few enough to cost nothing. */
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final GistImport imports;
    private final ObjectMapper json;

    GistController(GistImport imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    void create(Context ctx) throws IOException {
        boolean dryRun = dryRun(ctx.queryParam("dry_run"));
        String markdown = markdown(ctx.bodyAsBytes());
        String accept = ctx.header("Accept");
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains(NDJSON)) {
            ctx.json(imports.run(markdown, dryRun));
            return;
        }
        ctx.status(200).contentType(NDJSON);
        OutputStream out = ctx.res().getOutputStream();
        long[] last = {0};
        try {
            GistReport report = imports.run(markdown, dryRun, (done, total) -> {
                long now = System.nanoTime();
                if (done == total || now - last[0] >= PROGRESS_EVERY_NANOS) {
                    last[0] = now;
                    line(out, Map.of("progress", Map.of("done", done, "total", total)));
                }
            });
            line(out, Map.of("report", report));
        } catch (UncheckedIOException e) {
            log.info("Gist import client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Gist import failed", e);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("status", 500);
            error.put("detail", "The import failed and wrote nothing; the server log has the reason (request id "
                    + ctx.header("X-Request-Id") + ")");
            line(out, Map.of("error", error));
        }
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of(400, "body", "is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw InvalidInputException.of(400, "body", "is empty: send the gist's Markdown");
        }
        if (text.indexOf('\0') >= 0) {
            throw InvalidInputException.of(400, "body", "holds a NUL character, which no text field can store");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** true, 1, yes or an empty value; false, 0 or no; anything else is a 400 rather than a silent real import. */
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
}
