package questlog.journal;

/** Input text as stored: surrounding white space trimmed, and empty text is null. */
final class Texts {
    private Texts() {}

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
