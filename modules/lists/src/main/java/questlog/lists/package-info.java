/**
 * Lists: curated collections of games, ranked (positions 1..n) or not, public or private, with
 * their revision history.
 * <p>
 * Owns the tables {@code list}, {@code list_entry} and {@code list_activity}. Routes:
 * {@code GET/POST /api/lists}, {@code GET/PATCH/DELETE /api/lists/{slug}},
 * {@code POST /api/lists/{slug}/entries}, {@code POST /api/lists/{slug}/entries/bulk},
 * {@code GET/PATCH/DELETE /api/lists/{slug}/entries/{game}}, {@code PUT /api/lists/{slug}/order} and
 * {@code GET /api/lists/{slug}/activity}; the reads answer a superset of the original Questlog's
 * compatibility shapes. Games come from the catalog through {@link questlog.common.GameLookup},
 * which app fills in. Also loads and writes the {@code lists} and {@code list_entries} sections
 * of the dataset format. Changes of public lists record {@code questlog:list_updated} through
 * the {@link questlog.common.EventLog} app passes in, in the same transaction; so does a game
 * leaving the library, which leaves every list ({@link questlog.common.GameRemoval}).
 */
package questlog.lists;
