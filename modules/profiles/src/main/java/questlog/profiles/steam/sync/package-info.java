/**
 * The Steam library sync: {@code POST /api/sync/steam} and the {@code steam_library_sync} job
 * ({@link questlog.profiles.steam.sync.SteamLibrary} is its entry point). Owns no table: games and
 * their external ids are the library's (through {@link questlog.common.StoreGames}), playthroughs
 * the journal's (through {@link questlog.common.SourcedPlaytime}); job state is the jobs module's.
 */
package questlog.profiles.steam.sync;
