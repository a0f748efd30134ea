/**
 * The upstream HTTP layer: how Questlog calls other services' APIs (IGDB now; Steam, Bungie,
 * Lodestone, FFXIV Collect and Path of Exile through the profile plugins). One
 * {@link questlog.upstream.UpstreamClient} per upstream, configured by an
 * {@link questlog.upstream.UpstreamPolicy} (spacing of request starts, requests in flight,
 * attempts, backoff, timeouts, headers), with the upstream's own answer rules plugged in as a
 * {@link questlog.upstream.ResponseCheck}; failures are typed
 * ({@link questlog.upstream.UpstreamException}). No tables, no routes.
 */
package questlog.upstream;
