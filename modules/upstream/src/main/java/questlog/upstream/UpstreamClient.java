package questlog.upstream;

import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Questlog calls an upstream API: a real OkHttp client wrapped in that upstream's
 * limits, retries and failure rules ({@link UpstreamPolicy}, {@link ResponseCheck}). Build one per
 * upstream per process and share it, since its limits must see every caller. Thread-safe.
 *
 * <p>Every try first takes one of {@code maxInFlight} slots of a Failsafe bulkhead, then a start
 * from the spacing bucket ({@link RequestStarts}), in that order so a start is never spent waiting
 * for a slot; the slot is held until the answer's body is read. Around that, a Failsafe retry
 * policy repeats {@linkplain UpstreamException#retryable() retryable} failures (429, 5xx,
 * timeouts, unreachable) with exponential backoff and ±25 % jitter, or after the upstream's
 * {@code Retry-After} (never shortened by the jitter, capped at {@code maxRetryAfter}).
 *
 * <p>Connections the upstream closed are not failures. OkHttp keeps connections for reuse; an
 * upstream (or a proxy in front of it) may close one while it idles, or after every answer while
 * still saying keep-alive. A request written to such a connection never reached the upstream, and
 * OkHttp's {@code retryOnConnectionFailure} (on here, on purpose) re-sends it at once on a fresh
 * connection, inside the same try: it costs neither an attempt nor a start of the rate limit. A
 * connection that cannot be made at all (refused, unknown host) gives its start back too, but does
 * count as a try, so a down upstream is backed off from.
 */
public final class UpstreamClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);
    /** Retry delays vary by ±25 % so that clients do not retry in step. */
    private static final double JITTER = 0.25;
    /** What the delay function returns for "no Retry-After": Failsafe then applies the backoff. */
    private static final Duration FALL_BACK_TO_BACKOFF = Duration.ofMillis(-1);

    private final UpstreamPolicy policy;
    private final ResponseCheck check;
    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final RequestStarts starts;
    private final FailsafeExecutor<UpstreamResponse> inFlight;
    private final FailsafeExecutor<UpstreamResponse> retried;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** A client with the {@linkplain ResponseCheck#STANDARD standard} status rules. */
    public UpstreamClient(UpstreamPolicy policy) {
        this(policy, ResponseCheck.STANDARD);
    }

    public UpstreamClient(UpstreamPolicy policy, ResponseCheck check) {
        this.policy = policy;
        this.check = check;
        this.baseUrl = HttpUrl.get(policy.baseUrl());
        this.http = new OkHttpClient.Builder()
                .callTimeout(policy.callTimeout())
                .readTimeout(policy.callTimeout())
                .connectTimeout(policy.connectTimeout())
                // The default, stated because turning it off makes every connection the upstream
                // closed while idle cost an attempt and a start of the rate limit (see the class doc).
                .retryOnConnectionFailure(true)
                .build();
        this.starts = new RequestStarts(policy.requestInterval());
        this.inFlight = Failsafe.with(Bulkhead.<UpstreamResponse>builder(policy.maxInFlight())
                .withMaxWaitTime(policy.maxQueueWait()).build());
        this.retried = Failsafe.with(retryPolicy(policy));
    }

    private RetryPolicy<UpstreamResponse> retryPolicy(UpstreamPolicy policy) {
        RetryPolicyBuilder<UpstreamResponse> retry = RetryPolicy.<UpstreamResponse>builder()
                .handleIf(failure -> failure instanceof UpstreamException e && e.retryable())
                .withMaxAttempts(policy.maxAttempts())
                .withMaxDuration(policy.maxRetrying())
                .withJitter(JITTER)
                .withDelayFnOn(ctx -> ((UpstreamException) ctx.getLastException()).retryAfter()
                        .map(this::atLeast)
                        .orElse(FALL_BACK_TO_BACKOFF), UpstreamException.class)
                .onRetry(e -> {
                    retries.incrementAndGet();
                    log.info("{} retry attempt={} cause={}", policy.name(), e.getAttemptCount(),
                            e.getLastException().getMessage());
                });
        if (policy.backoffMax().compareTo(policy.backoffMin()) > 0) {
            retry.withBackoff(policy.backoffMin(), policy.backoffMax());
        } else {
            retry.withDelay(policy.backoffMin());
        }
        return retry.build();
    }

    public UpstreamPolicy policy() {
        return policy;
    }

    /** {@code path} (relative, e.g. {@code "games"} or {@code "ISteamUser/GetPlayerSummaries/v2/"}) on the base URL. */
    public HttpUrl url(String path) {
        HttpUrl url = baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (url == null) {
            throw new IllegalArgumentException("not a path: " + path);
        }
        return url;
    }

    /** A GET of {@code url} with the policy's {@code User-Agent} and headers; change the method or add headers at will. */
    public Request.Builder request(HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url).header("User-Agent", policy.userAgent());
        policy.headers().forEach(builder::header);
        return builder;
    }

    /** {@link #request(HttpUrl)} of {@link #url(String)}. */
    public Request.Builder request(String path) {
        return request(url(path));
    }

    /**
     * Sends {@code request} within the upstream's limits, retrying as the policy says, and returns
     * the answer the client's {@link ResponseCheck} accepted.
     *
     * @throws UpstreamException the check's refusal, or the last retryable failure once the
     *         attempts or the retry time ran out
     */
    public UpstreamResponse execute(Request request) {
        return execute(request, check);
    }

    /** {@link #execute(Request)} judged by {@code requestCheck} instead of the client's check. */
    public UpstreamResponse execute(Request request, ResponseCheck requestCheck) {
        try {
            return retried.get(() -> attempt(request, requestCheck));
        } catch (UpstreamException e) {
            failures.incrementAndGet();
            throw e;
        } catch (FailsafeException e) {
            failures.incrementAndGet();
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UpstreamException.Unavailable(policy.name(), 0, false,
                    policy.name() + " call failed: " + e.getMessage(), e, null);
        }
    }

    /** What this client did so far. */
    public UpstreamStats stats() {
        return new UpstreamStats(requests.get(), retries.get(), failures.get());
    }

    /** The limiter, as a {@link ResponseCheck} sees it: for adjustments made outside an answer. */
    public RateControl rate() {
        return starts;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private UpstreamResponse attempt(Request request, ResponseCheck requestCheck) {
        UpstreamResponse response = exchange(request);
        requestCheck.check(response, starts);
        return response;
    }

    /** One HTTP exchange in a slot and after a start; the body is read inside the slot. */
    private UpstreamResponse exchange(Request request) {
        try {
            return inFlight.get(() -> {
                if (!starts.take(policy.maxQueueWait())) {
                    throw queuedTooLong();
                }
                try (Response response = http.newCall(request).execute()) {
                    requests.incrementAndGet();
                    return new UpstreamResponse(policy.name(), response.request().url(), response.code(),
                            response.headers(), response.body().string());
                } catch (ConnectException | NoRouteToHostException | UnknownHostException neverSent) {
                    starts.refund();
                    throw neverSent;
                } catch (IOException e) {
                    requests.incrementAndGet(); // a timeout or a broken answer: the request may well have arrived
                    throw e;
                }
            });
        } catch (BulkheadFullException e) {
            throw queuedTooLong();
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedIOException) {
                throw new UpstreamException.Timeout(policy.name(), 0, policy.name() + " did not answer within "
                        + policy.callTimeout().toMillis() + " ms", cause);
            }
            if (cause instanceof IOException) {
                throw new UpstreamException.Unavailable(policy.name(), 0,
                        policy.name() + " could not be reached: " + cause.getMessage(), cause);
            }
            throw e;
        }
    }

    private UpstreamException.RateLimited queuedTooLong() {
        // Not retried: the wait already lasted maxQueueWait.
        return new UpstreamException.RateLimited(policy.name(), 0, false,
                "too many " + policy.name() + " requests queued in this process", null);
    }

    /**
     * The delay to hand Failsafe for a {@code Retry-After} (capped at {@code maxRetryAfter}): Failsafe
     * jitters every delay by ±{@value #JITTER}, so asking for wait / (1 - jitter) never waits less than asked.
     */
    private Duration atLeast(Duration retryAfter) {
        Duration cap = policy.maxRetryAfter();
        Duration wait = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        return Duration.ofNanos((long) Math.ceil(wait.toNanos() / (1 - JITTER)));
    }
}
