/**
 * Profiles: one person's account or character in a game's own service, as last fetched, and the
 * history of what was fetched; the core behind the profile plugins ({@link questlog.profiles.ProfilePlugin}).
 * Owns the tables {@code profile} and {@code profile_snapshot}, and the job type {@code profile_sync}.
 * Routes: {@code GET /api/profiles}, {@code GET|POST /api/profiles/{plugin}},
 * {@code GET|PATCH|DELETE /api/profiles/{plugin}/{id}}, {@code POST /api/profiles/{plugin}/{id}/sync},
 * each plugin's read views under {@code /api/profiles/{plugin}/{id}/{view}} and at their legacy
 * paths (the original Questlog's {@code /api/steam/player} and {@code /api/steam/recent}).
 * Event: {@code questlog:profile_synced} (verbs added, updated, removed, synced). A profile is also
 * a member of its game's detail ({@code profiles}; an account-wide one of every game it covers) and
 * a section of Questlog's export ({@code profiles}, {@code profile_snapshots}). Games come from the
 * library through {@link questlog.common.GameLookup}; jobs are queued through {@link questlog.common.Jobs}.
 * Plugins live in sub-packages, one per service ({@code steam}).
 */
package questlog.profiles;
