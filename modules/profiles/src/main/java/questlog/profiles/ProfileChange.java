package questlog.profiles;

import java.util.Map;
import java.util.Objects;

/**
 * One thing that changed between two snapshots, as {@code questlog:profile_synced} and the
 * snapshot history show it.
 *
 * @param kind    a short snake_case word a client can switch on ("playtime", "achievements", "level")
 * @param summary one line for people: "12 h played this week", "3 new achievements in Hades"
 * @param details public facts behind the summary (names, numbers), written as JSON; may be empty
 */
public record ProfileChange(String kind, String summary, Map<String, Object> details) {
    public ProfileChange {
        Objects.requireNonNull(summary, "summary");
        if (kind == null || !kind.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a change's kind is a snake_case word: " + kind);
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ProfileChange of(String kind, String summary) {
        return new ProfileChange(kind, summary, Map.of());
    }
}
