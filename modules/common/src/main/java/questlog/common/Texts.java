package questlog.common;

/**
 * Text as every module stores it: exactly as sent, except that an empty or all-blank string means
 * "no value" (null), as in the original Questlog's API. What PostgreSQL cannot store (the NUL
 * character) and what is not valid Unicode (a lone surrogate) never gets this far: the request
 * body reader ({@link Bodies}) refuses it, naming the field.
 */
public final class Texts {
    /** The longest string any request field takes, in characters; fields may allow less. */
    public static final int MAX_LENGTH = 20_000;

    private Texts() {}

    /** Blank is null; anything else is kept as it is. */
    public static String orNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The length in characters (code points), as limits are stated. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Why PostgreSQL or UTF-8 cannot keep this text exactly, or null when it can. */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode (a lone surrogate \\u" + Integer.toHexString(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "is not valid Unicode (a lone surrogate \\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
