/**
 * Steam: the Steam Web API client ({@link questlog.profiles.steam.SteamClient}: vanity names,
 * player summaries, owned and recently played games, achievements and their schema, as typed
 * records, with Steam's failures as {@link questlog.profiles.steam.SteamException}s) and the
 * {@code steam} profile plugin ({@link questlog.profiles.steam.SteamPlugin}) with its read views,
 * among them the original Questlog's {@code /api/steam/player} and {@code /api/steam/recent}.
 * No tables and no routes of its own: the profiles core stores and serves what the plugin fetches.
 */
package questlog.profiles.steam;
