/**
 * The library: the catalog of games and what describes them.
 *
 * <p>Tables: {@code game} (the original API's <em>work</em>), {@code edition}, {@code franchise},
 * {@code genre}, {@code game_genre}, {@code external_id}. {@code game.search_text} holds the
 * name folded by {@link questlog.common.Slugs#fold}, kept up to date on every write of a name.
 *
 * <p>Routes (under /api): {@code /games} (list, create, detail, patch, delete, and
 * {@code /games/{slug}/editions}), {@code /franchises}, {@code /genres}, the original Questlog's
 * reads {@code /works} and {@code /editions} in its exact shapes, and {@code POST /import}.
 *
 * <p>Events: none yet; reads are cached by app, which learns of changes from the catalog tables'
 * notify triggers.
 */
package questlog.library;
