/**
 * The canonical catalog API: games with their editions, genres, franchise, lineage and external
 * ids ({@code /api/games}), franchises and genres; the services that change them, each in one
 * transaction with its {@code questlog:game_*} event; and {@link questlog.library.catalog.GameDirectory},
 * the {@link questlog.common.GameLookup} other modules see games through.
 */
package questlog.library.catalog;
