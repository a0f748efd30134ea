/**
 * The library: the catalog of games and what describes them. {@link questlog.library.LibraryModule}
 * is the entry point; the code lives in sub-features: {@link questlog.library.catalog} (the
 * canonical API and services), {@link questlog.library.compat} (the original Questlog's read API),
 * {@link questlog.library.dataset} (import and export) and {@link questlog.library.igdb}.
 *
 * <p>Tables: {@code game} (the original API's <em>work</em>), {@code edition}, {@code franchise},
 * {@code genre}, {@code game_genre}, {@code external_id}. {@code game.search_vector} (the words
 * {@code q} matches) and {@code game.sort_key} (the name order) are generated columns that
 * PostgreSQL computes from the name and sort_name, so every write keeps them right.
 * The IGDB client ({@link questlog.library.igdb}) owns {@code igdb_token} and {@code igdb_response}.
 *
 * <p>Routes (under /api): {@code /games} (list, create, detail, patch, delete, and
 * {@code /games/{slug}/editions}), {@code /franchises} and {@code /genres} (list, create, one by
 * slug), the original Questlog's
 * reads {@code /works} and {@code /editions} in its exact shapes, and the
 * IGDB routes: {@code POST /games} with {@code igdb_id}/{@code igdb_query},
 * {@code PUT /games/{slug}/sync} and {@code GET /igdb/search}.
 *
 * <p>Background jobs (handlers from {@link questlog.library.LibraryModule#jobHandlers()}):
 * {@code igdb_sync} (one game, fetched afresh) and {@code igdb_enrich} (every game without an
 * IGDB id, resumable from its checkpoint).
 *
 * <p>Events, recorded through the {@link questlog.common.EventLog} app passes in, in the same
 * transaction as the change: {@code questlog:game_added} (POST /games, games an import creates),
 * {@code questlog:game_updated} (PATCH, a new edition, games an import changes, IGDB syncs and
 * enrichment) and
 * {@code questlog:game_removed} (DELETE), with {@link questlog.library.catalog.GameEvent} as payload.
 * Franchises and genres have no events of their own. Reads are cached by app, which learns of
 * changes from the catalog tables' notify triggers.
 */
package questlog.library;
