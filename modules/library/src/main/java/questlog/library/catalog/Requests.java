package questlog.library.catalog;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import questlog.common.FieldErrors;
import questlog.common.InvalidInputException;
import questlog.common.Texts;

/**
 * The controllers' shared IO besides bodies (read with the common {@code Bodies}): 409s for
 * conflicts, the compatibility API's paging parameters and query text.
 */
public final class Requests {
    private Requests() {}

    /** Runs a service call, answering a {@link ConflictException} with a 409 that names the field. */
    public static <T> T conflictsAs409(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConflictException e) {
            throw new ConflictResponse(e.getMessage(), Map.of("field", e.field()));
        }
    }

    /** {@code limit} and {@code offset} of the compatibility API: not capped, but never negative. */
    public record Window(long limit, long offset) {}

    public static Window window(Context ctx, long defaultLimit) {
        var errors = new FieldErrors();
        long limit = nonNegative(ctx, "limit", defaultLimit, errors);
        long offset = nonNegative(ctx, "offset", 0, errors);
        errors.throwIfBadRequest();
        return new Window(limit, offset);
    }

    private static long nonNegative(Context ctx, String name, long fallback, FieldErrors errors) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number from 0 to " + Long.MAX_VALUE + " (got '" + raw + "')");
        return fallback;
    }

    /** Optional text query parameter; blank counts as absent. */
    public static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        String problem = value == null ? null : Texts.unstorable(value);
        if (problem != null) {
            throw InvalidInputException.of(400, name, problem);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
