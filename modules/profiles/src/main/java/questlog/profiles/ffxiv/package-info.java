/**
 * The Final Fantasy XIV profile plugin ({@link questlog.profiles.ffxiv.FfxivPlugin}): a character's
 * Lodestone pages (profile and class/job levels, parsed with jsoup, since XIVAPI's character data
 * is gone) and FFXIV Collect's summary of its mounts, minions and achievements. No tables, no
 * routes of its own: the profiles core stores its snapshots and serves its views.
 */
package questlog.profiles.ffxiv;
