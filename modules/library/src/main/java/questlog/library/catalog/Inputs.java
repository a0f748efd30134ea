package questlog.library.catalog;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import questlog.common.FieldErrors;
import questlog.common.Slugs;
import questlog.common.Texts;

/**
 * Normalising and checking request values, shared by the request records. Text is kept exactly
 * as sent except that an empty (or all-blank) string means "no value", as in the original API.
 * The limits are public: every other writer of the catalog (the imports, IGDB) applies the same.
 */
public final class Inputs {
    static final Set<String> EDITION_TYPES = Set.of("original", "port", "remaster", "enhanced", "remake", "definitive");
    static final Set<String> RELATIONSHIP_TYPES = Set.of("sequel", "prequel", "spinoff", "epilogue", "expansion");
    static final Set<String> EXTERNAL_SOURCES = Set.of("igdb", "steam", "gog", "twitch", "xbox", "psn");
    /** Release years, and the years of release dates. */
    public static final int MIN_YEAR = 1940;
    public static final int MAX_YEAR = 2200;
    /**
     * Names (and sort names, as game.sort_key) sit in b-tree indexes with the slug; PostgreSQL
     * caps an index entry at about 2.7 kB. A name's words also go into the search vector, whose
     * words PostgreSQL caps at 2047 bytes: 500 characters fold to at most 2000 bytes.
     */
    public static final int MAX_NAME_LENGTH = 500;
    /** Twitch category and external ids are unique, so indexed too. */
    public static final int MAX_ID_LENGTH = 255;
    public static final String RELEASE_DATE_RANGE = "must be a date between " + MIN_YEAR + " and " + MAX_YEAR;

    private Inputs() {}

    static String text(String value) {
        return Texts.orNull(value);
    }

    static void slug(FieldErrors errors, String field, String slug) {
        if (slug != null && !Slugs.isValid(slug)) {
            errors.add(field, "must be lowercase letters, digits and single hyphens, at most "
                    + Slugs.MAX_LENGTH + " characters (like 'final-fantasy-vii')");
        }
    }

    static void maxLength(FieldErrors errors, String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
    }

    static void year(FieldErrors errors, String field, Integer year) {
        if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
            errors.add(field, "must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    /** Whether a release date's year is a release year ({@link #MIN_YEAR} to {@link #MAX_YEAR}). */
    public static boolean releaseDateInRange(LocalDate date) {
        return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }

    static void releaseDate(FieldErrors errors, String field, LocalDate date) {
        if (date != null && !releaseDateInRange(date)) {
            errors.add(field, RELEASE_DATE_RANGE);
        }
    }

    static void positive(FieldErrors errors, String field, Long id) {
        if (id != null && id <= 0) {
            errors.add(field, "must be a positive whole number");
        }
    }

    static void oneOf(FieldErrors errors, String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(field, "must be one of " + allowed.stream().sorted().toList() + " (got '" + value + "')");
        }
    }

    /** Lists of slugs (genres, platforms): no nulls, every entry slug-shaped. */
    static void slugList(FieldErrors errors, String field, List<String> slugs) {
        if (slugs == null) {
            return;
        }
        for (int i = 0; i < slugs.size(); i++) {
            String slug = slugs.get(i);
            if (slug == null || !Slugs.isValid(slug)) {
                errors.add(field + "[" + i + "]", "must be a slug (lowercase letters, digits and single hyphens)");
            }
        }
    }

    /**
     * A list of slugs names each at most once: a repeated one is refused (422), naming the entry
     * and the value, rather than dropped (what is stored is what was sent).
     */
    static void noRepeats(FieldErrors errors, String field, List<String> values) {
        if (values == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && !seen.add(value)) {
                errors.add(field + "[" + i + "]", "repeats '" + value + "', which is already in the list");
            }
        }
    }
}
