package questlog.mcp;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import questlog.common.Slugs;

/**
 * A tool call's arguments, read strictly: a wrong type, a value out of range or an argument the
 * tool does not take is a {@link BadArgumentException} naming the argument, which the tool answers
 * as a tool error (the model can read it and call again), never a protocol failure.
 */
final class ToolArgs {
    private final Map<String, Object> values;

    ToolArgs(Map<String, Object> values, Set<String> known) {
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!known.contains(name)) {
                throw new BadArgumentException(name, "is not an argument of this tool (it takes: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A text argument, or null when absent; blank counts as absent. */
    String text(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new BadArgumentException(name, "must be a string");
        }
        if (text.indexOf('\0') >= 0) {
            throw new BadArgumentException(name, "must not contain the NUL character");
        }
        if (text.length() > 20_000) {
            throw new BadArgumentException(name, "must be at most 20000 characters");
        }
        return text.isBlank() ? null : text;
    }

    String requiredText(String name) {
        String text = text(name);
        if (text == null) {
            throw new BadArgumentException(name, "is required");
        }
        return text;
    }

    /**
     * A slug (lowercase ASCII letters and digits in words joined by single hyphens, the
     * project's rule), or null when absent: anything else could not name a game or list, and
     * must never reach a URL.
     */
    String slug(String name) {
        String text = text(name);
        if (text != null && !Slugs.isValid(text)) {
            throw new BadArgumentException(name, "must be a slug: lowercase letters and digits in words joined by "
                    + "single hyphens, e.g. \"final-fantasy-vi\" (search_games finds a game's slug)");
        }
        return text;
    }

    String requiredSlug(String name) {
        String slug = slug(name);
        if (slug == null) {
            throw new BadArgumentException(name, "is required");
        }
        return slug;
    }

    /**
     * What {@code call} answers; the API's 404 means that the argument {@code name} names nothing
     * it knows, told as a bad argument (see {@link UnknownArgumentException}).
     */
    static <T> T naming(String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new UnknownArgumentException(name, e.getMessage());
            }
            throw e;
        }
    }

    /** One of {@code allowed}, or null when absent. */
    String choice(String name, Set<String> allowed) {
        String text = text(name);
        if (text != null && !allowed.contains(text)) {
            throw new BadArgumentException(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return text;
    }

    /** A whole number in {@code min..max}, or {@code fallback} when absent. */
    Integer integer(String name, int min, int max, Integer fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long whole;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            whole = ((Number) value).longValue();
        } else if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && !Double.isInfinite(number.doubleValue())) {
            whole = (long) number.doubleValue();
        } else {
            throw new BadArgumentException(name, "must be a whole number from " + min + " to " + max);
        }
        if (whole < min || whole > max) {
            throw new BadArgumentException(name, "must be from " + min + " to " + max + " (got " + whole + ")");
        }
        return (int) whole;
    }

    /** A number (decimals allowed) in {@code min..max}, or null. */
    Double decimal(String name, double min, double max) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw new BadArgumentException(name, "must be a number");
        }
        double d = number.doubleValue();
        if (d < min || d > max) {
            throw new BadArgumentException(name, "must be from " + min + " to " + max);
        }
        return d;
    }

    /** A date written YYYY-MM-DD, or null. */
    LocalDate date(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadArgumentException(name, "must be a date written YYYY-MM-DD");
        }
    }

    /** A bad argument: which one, and why. */
    static class BadArgumentException extends RuntimeException {
        BadArgumentException(String argument, String problem) {
            super("Bad argument '" + argument + "': " + problem);
        }
    }

    /** An argument that names no game or list the API knows (its 404), so a resource read is not found. */
    static final class UnknownArgumentException extends BadArgumentException {
        UnknownArgumentException(String argument, String problem) {
            super(argument, problem);
        }
    }
}
