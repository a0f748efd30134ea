/**
 * Profiles: one person's account or character in a game's own service, as last fetched, and the
 * history of what was fetched. Owns the tables {@code profile} and {@code profile_snapshot}.
 * Routes: {@code GET /api/profiles}. A profile is also a member of its game's detail
 * ({@code profiles}) and a section of Questlog's export ({@code profiles},
 * {@code profile_snapshots}). Games come from the library through {@link questlog.common.GameLookup}.
 */
package questlog.profiles;
