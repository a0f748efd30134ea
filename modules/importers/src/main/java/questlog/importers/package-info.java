/**
 * Importers: the Markdown gist import ({@code POST /api/import/gist}). It owns no table: a gist is
 * parsed here ({@link questlog.importers.GistParser}, CommonMark), then planned and written in one
 * transaction through the narrow write contracts of the library, journal and lists modules
 * ({@link questlog.common.CatalogWrites}, {@link questlog.common.JournalWrites},
 * {@link questlog.common.ListWrites}), which app passes in. The events are theirs
 * ({@code questlog:game_added}, {@code questlog:playthrough_*}, {@code questlog:list_updated}),
 * appended last.
 */
package questlog.importers;
