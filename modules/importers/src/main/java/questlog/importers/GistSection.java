package questlog.importers;

/**
 * What the headings above a list say about its items: the franchise of the games (null when the
 * heading names no series), the status of their playthroughs, or, for a ranking, the list they
 * go into instead (ranked for a numbered list).
 *
 * @param path   the headings from the top, joined by " / " (part of every line's identity)
 */
record GistSection(String path, String franchise, String status, String listName, boolean ranked) {

    boolean isList() {
        return listName != null;
    }
}
