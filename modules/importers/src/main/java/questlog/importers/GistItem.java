package questlog.importers;

import questlog.common.CatalogWrites.ExternalKey;

/**
 * One understood list item of a gist: the game it names ({@code name} null for a bare link,
 * which only an external id can resolve), its notes and platform as written, the link's external
 * id, its section, and its parent item (an expansion's game), or -1.
 *
 * @param line       1-based line of the item in the Markdown
 * @param text       the item's text as read (the identity of the line, with its section)
 * @param sourceRef  the line's identity, kept on its playthrough so that a second import adds nothing
 */
record GistItem(int line, String text, String name, String notes, String platform, ExternalKey link,
                GistSection section, int parent, String sourceRef) {}
