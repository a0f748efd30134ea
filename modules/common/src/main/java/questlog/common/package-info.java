/**
 * The few pieces every module shares at the wire level: {@link questlog.common.Access} roles that
 * routes are tagged with (checked once in app), the {@link questlog.common.Page} envelope,
 * {@link questlog.common.Slugs} (slug generation and search folding) and
 * {@link questlog.common.DatabaseUrl}, and the {@link questlog.common.EventLog} interface (with
 * {@link questlog.common.EventTypes}) through which every module records its events in the
 * outbox owned by the realtime module; {@link questlog.common.SecretBox}, which encrypts the
 * secrets modules store and must read back. No tables, no routes.
 */
package questlog.common;
