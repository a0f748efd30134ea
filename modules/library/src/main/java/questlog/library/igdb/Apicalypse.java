package questlog.library.igdb;

import java.util.Collection;
import java.util.stream.Collectors;

/** Builds the pieces of IGDB's query language that need care: quoted strings and value lists. */
final class Apicalypse {
    private Apicalypse() {}

    /** A string literal: IGDB's strings are double-quoted with backslash escapes. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            // Control characters (a pasted newline, say) would end the statement early.
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.append('"').toString();
    }

    /** {@code (1,2,3)}: IGDB's "any of" list of numbers. */
    static String numbers(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }

    /** {@code ("620","570")}: "any of" for string fields such as {@code external_games.uid}, which reject bare numbers. */
    static String strings(Collection<String> values) {
        return values.stream().map(Apicalypse::quote).collect(Collectors.joining(",", "(", ")"));
    }
}
