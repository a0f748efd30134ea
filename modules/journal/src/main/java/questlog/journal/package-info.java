/**
 * The journal: playthroughs (one run of a game, with status, dates, playtime, rating, completion
 * and notes), the play sessions logged against them, and the stats read model.
 * <p>
 * Owns the tables {@code playthrough}, {@code play_session}, {@code platform} and
 * {@code platform_alias} (one key per platform, see {@link questlog.journal.PlatformDao}). Routes:
 * {@code GET/POST /api/games/{slug}/playthroughs}, {@code GET /api/playthroughs},
 * {@code GET/PATCH/DELETE /api/playthroughs/{id}}, {@code POST /api/playthroughs/{id}/sessions},
 * {@code GET/PATCH/DELETE /api/playthroughs/{id}/sessions/{session}} and {@code GET /api/stats}. Games and editions come from the catalog through
 * {@link questlog.common.GameLookup}, which app fills in; only the stats queries read the
 * catalog tables directly (see {@code StatsDao}). Also loads and writes the {@code playthroughs}
 * section of the dataset format. Changes record {@code questlog:playthrough_*} events through
 * the {@link questlog.common.EventLog} app passes in, in the same transaction; a game leaving the
 * library takes its playthroughs, each recorded as removed ({@link questlog.common.GameRemoval}).
 * {@link questlog.journal.StatusRule} is the status rule of every write path.
 */
package questlog.journal;
