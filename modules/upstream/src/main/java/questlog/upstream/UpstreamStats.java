package questlog.upstream;

/**
 * What an {@link UpstreamClient} did since it was built, for metrics.
 *
 * @param requests HTTP requests that reached the upstream, or may have (each spent one start of the
 *        rate limit); a request whose connection could not be made, or that OkHttp re-sent on a
 *        fresh connection because the pooled one had been closed by the server, counts once or not
 *        at all
 * @param retries tries after the first, for rate limits, 5xx, timeouts and unreachable upstreams
 * @param failures calls that ended in an {@link UpstreamException}
 */
public record UpstreamStats(long requests, long retries, long failures) {}
