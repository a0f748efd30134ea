package questlog.profiles;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed read view a plugin serves from its stored snapshots (never by calling upstream): the
 * core routes {@code GET /api/profiles/{plugin}/{id}/{name}} to it, documents it in OpenAPI from
 * {@code responseType}, and, when {@code legacyPath} is set, serves it at that path too for the
 * plugin's oldest profile (the original Questlog's routes, such as {@code /api/steam/player}).
 *
 * @param name         the URL segment, a slug
 * @param summary      one line for the API docs
 * @param description  longer text for the API docs (defaults, clamping)
 * @param responseType the record (or, with {@code array}, the item record) the view answers
 * @param array        whether the answer is a JSON array of {@code responseType}
 * @param params       the query parameters it reads
 * @param legacyPath   a full path such as {@code /api/steam/player} that also serves it, or null
 * @param maxAge       while the view is being read, the core queues a sync when the latest data
 *                     is older than this (null: only the plugin's schedule refreshes it)
 * @param reader       builds the answer from the latest snapshot (empty before the first sync)
 */
public record ProfileView<S>(String name, String summary, String description, Class<?> responseType, boolean array,
                             List<Param> params, String legacyPath, Duration maxAge, Reader<S> reader) {

    public ProfileView {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a view's name is a slug: " + name);
        }
        Objects.requireNonNull(summary, "summary");
        description = description == null ? "" : description;
        Objects.requireNonNull(responseType, "responseType");
        params = params == null ? List.of() : List.copyOf(params);
        Objects.requireNonNull(reader, "reader");
    }

    /** A query parameter of a view. */
    public record Param(String name, Class<?> type, String description) {}

    /** The query parameters of one read, as sent. */
    @FunctionalInterface
    public interface Query {
        Optional<String> param(String name);

        /**
         * An integer parameter, {@code fallback} when absent or not a number, then clamped to
         * {@code min..max}, as the original Questlog reads {@code count}.
         */
        default int clampedInt(String name, int fallback, int min, int max) {
            int value = param(name).map(String::strip).flatMap(v -> {
                try {
                    return Optional.of(Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }).orElse(fallback);
            return Math.max(min, Math.min(max, value));
        }
    }

    /** Builds a view's answer. */
    @FunctionalInterface
    public interface Reader<S> {
        Object read(Optional<S> latest, Query query);
    }

    public Object read(Optional<S> latest, Query query) {
        return reader.read(latest, query);
    }
}
