/**
 * The Destiny 2 profile plugin ({@link questlog.profiles.destiny.DestinyPlugin}): a Bungie.net
 * account's characters, aggregate stats, activity history and raids' post-game carnage reports,
 * read with {@code X-API-Key}, and the original Questlog's {@code /api/destiny/*} routes served
 * from the stored snapshot. No tables, no routes of its own: the profiles core stores its
 * snapshots and serves its views.
 */
package questlog.profiles.destiny;
