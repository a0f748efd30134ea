package questlog.lists;

import questlog.common.Texts;

/**
 * {@code POST /api/lists/{slug}/entries} and each item of the bulk body: the game by slug, as
 * {@code game} or, as the original Questlog named it, {@code work_slug}. In a ranked list
 * {@code position} (1 to n+1, default n+1: the end) is where the entry goes, and the entries from
 * there on move down one; unranked lists ignore it.
 */
record AddEntryRequest(String game, String workSlug, Integer position, String notes) {

    /** The game slug, whichever name it came under; null when neither or two different ones were given. */
    String gameSlug() {
        String g = Texts.orNull(game);
        String w = Texts.orNull(workSlug);
        if (g != null && w != null && !g.equals(w)) {
            return null;
        }
        return g != null ? g : w;
    }
}
