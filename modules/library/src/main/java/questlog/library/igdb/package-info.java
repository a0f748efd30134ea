/**
 * IGDB metadata: the IGDB (API v4) client ({@link questlog.library.igdb.IgdbClient}: Twitch
 * app-token handling, rate limits and retries on the shared upstream HTTP layer, typed errors,
 * a response cache; owns {@code igdb_token} and {@code igdb_response}), the mapping of IGDB games
 * onto the catalog, creating games from IGDB, {@code GET /api/igdb/search}, and the
 * {@code igdb_sync} and {@code igdb_enrich} jobs.
 */
package questlog.library.igdb;
