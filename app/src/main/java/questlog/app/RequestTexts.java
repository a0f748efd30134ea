package questlog.app;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import questlog.common.FieldError;
import questlog.common.InvalidInputException;
import questlog.common.Texts;

/**
 * The text of a request's URL, checked once for every route before its handler reads it: each
 * query parameter's name and values, and each path parameter, must be text PostgreSQL and UTF-8
 * can keep exactly ({@link Texts#unstorable}: no NUL character, no lone surrogate), as every
 * string of a request body must ({@code Bodies}). Otherwise the answer is a 400 naming each
 * such parameter, rather than whatever the handler would make of it (a filter that reached the
 * database was a 500). Headers need no check here: Jetty refuses control characters in them, and the few the
 * server reads are compared, never stored.
 */
final class RequestTexts {
    private RequestTexts() {}

    /** Before every matched request, after authentication. */
    static void check(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            String problem = Texts.unstorable(name);
            if (problem != null) {
                errors.add(new FieldError(name, "has a name that " + problem));
                return;
            }
            for (String value : values) {
                problem = Texts.unstorable(value);
                if (problem != null) {
                    errors.add(new FieldError(name, problem));
                    return;
                }
            }
        });
        ctx.pathParamMap().forEach((name, value) -> {
            String problem = Texts.unstorable(value);
            if (problem != null) {
                errors.add(new FieldError(name, problem));
            }
        });
        if (!errors.isEmpty()) {
            throw InvalidInputException.badRequest(errors);
        }
    }
}
