package questlog.importers;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import questlog.common.InvalidInputException;

/**
 * {@code POST /api/import/gist}: the body is the gist's Markdown (UTF-8), {@code ?dry_run=true}
 * reports without writing. A body that is empty, not UTF-8, or holds a NUL character is a 400
 * naming {@code body}; anything the parser does not understand is a skipped line in the report,
 * not an error.
 */
final class GistController {
    private final GistImport imports;

    GistController(GistImport imports) {
        this.imports = imports;
    }

    void create(Context ctx) {
        boolean dryRun = dryRun(ctx.queryParam("dry_run"));
        String markdown = markdown(ctx.bodyAsBytes());
        ctx.json(imports.run(markdown, dryRun));
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
