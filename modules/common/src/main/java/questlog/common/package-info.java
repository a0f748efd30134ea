/**
 * The few pieces every module shares at the wire level: {@link questlog.common.Access} roles that
 * routes are tagged with (checked once in app), the {@link questlog.common.Page} envelope,
 * {@link questlog.common.Slugs} (slug generation and search folding) and
 * {@link questlog.common.DatabaseUrl}. No tables, no routes, no events.
 */
package questlog.common;
