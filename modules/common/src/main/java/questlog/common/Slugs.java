package questlog.common;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slugs and search folding. Both go through ICU's "Any-Latin; Latin-ASCII" transliteration, so
 * "Ōkami" becomes "okami", "Pokémon Black" becomes "pokemon-black" and non-Latin scripts get a
 * readable romanisation instead of an empty slug.
 */
public final class Slugs {
    /** The shape every slug has: lowercase ASCII words joined by single hyphens. */
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    public static final int MAX_LENGTH = 255;

    // Transliterator instances are not thread-safe; each thread keeps its own.
    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    // Apostrophes vanish rather than split a word: "Assassin's Creed" → "assassins-creed".
    private static final Pattern APOSTROPHES = Pattern.compile("['’ʹʼ`´]");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-+|-+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Slugs() {}

    /**
     * A slug for a name: ASCII, lowercase, hyphen-separated, at most {@value #MAX_LENGTH}
     * characters (room is left for a collision suffix). Falls back to {@code fallback} when
     * nothing slug-worthy remains (a name made only of symbols or emoji).
     */
    public static String slugify(String name, String fallback) {
        String ascii = APOSTROPHES.matcher(fold(name)).replaceAll("");
        String slug = EDGE_HYPHENS.matcher(NON_ALNUM.matcher(ascii).replaceAll("-")).replaceAll("");
        int room = MAX_LENGTH - 12;
        if (slug.length() > room) {
            slug = EDGE_HYPHENS.matcher(slug.substring(0, room)).replaceAll("");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** The slug with a numeric suffix, used when {@code base} is taken: "okami" → "okami-2". */
    public static String withSuffix(String base, int n) {
        return base + "-" + n;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && PATTERN.matcher(slug).matches();
    }

    /**
     * Case- and accent-insensitive form of a text for searching: transliterated to ASCII,
     * lowercased, white space collapsed. Stored next to names and applied to queries alike.
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        // Printable ASCII comes out of the transliterator unchanged, and skipping it is about a
        // hundred times faster (most names are ASCII; bulk imports fold tens of thousands).
        String ascii = isPrintableAscii(text) ? text : TO_ASCII.get().transliterate(text);
        return collapse(ascii);
    }

    /** {@link #fold} without the ASCII shortcut; tests prove the two agree. */
    static String foldByTransliteration(String text) {
        return collapse(TO_ASCII.get().transliterate(text));
    }

    private static String collapse(String ascii) {
        return SPACES.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
