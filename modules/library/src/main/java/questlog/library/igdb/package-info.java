/**
 * The IGDB (API v4) client the library uses for metadata: Twitch app-token handling, IGDB's rate
 * limits, retries, typed errors and a response cache. Owns the tables {@code igdb_token} and
 * {@code igdb_response}. Entry point: {@link questlog.library.igdb.IgdbClient}.
 */
package questlog.library.igdb;
