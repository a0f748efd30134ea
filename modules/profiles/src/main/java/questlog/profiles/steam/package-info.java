/**
 * The Steam Web API client ({@link questlog.profiles.steam.SteamClient}): vanity names, player
 * summaries, owned and recently played games, achievements and their schema, as typed records,
 * with Steam's failures as {@link questlog.profiles.steam.SteamException}s. No tables, no routes.
 */
package questlog.profiles.steam;
