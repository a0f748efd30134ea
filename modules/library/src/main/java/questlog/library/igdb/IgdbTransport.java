package questlog.library.igdb;

import dev.failsafe.Bulkhead;
import io.github.bucket4j.Bucket;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Apicalypse query to IGDB and returns the answer's text, within IGDB's limits.
 *
 * <p>Maintained libraries supply the policies, not hand-made sleeps. Every HTTP request, the
 * re-send after a token refresh included, first takes one of {@code maxInFlight} slots of a
 * Failsafe bulkhead, then a token from a Bucket4j bucket that holds one token and refills it
 * {@code requestInterval} after it was taken, so any two starts are at least that far apart
 * however many threads call (4 per second with a margin; the slot comes first so a token is never
 * spent waiting for a slot). Failsafe's own smooth rate limiter was not used: it aligns permits to
 * a fixed grid, so after an idle spell two starts can come almost together, and IGDB counts a
 * sliding second. Around that, a Failsafe retry policy repeats 429s, 5xx and timeouts with
 * exponential backoff and jitter, or after IGDB's {@code Retry-After} when it sends one. All of it
 * is per transport, and app builds one client per process.
 */
final class IgdbTransport {
    private static final Logger log = LoggerFactory.getLogger(IgdbTransport.class);
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);
    private static final Duration MAX_QUEUE_WAIT = Duration.ofMinutes(30);
    /** No new try starts after this long, so a request to Questlog waiting on a down IGDB ends in about a minute. */
    private static final Duration MAX_RETRYING = Duration.ofMinutes(1);
    /** Retry delays vary by ±25 % so that clients do not retry in step. */
    private static final double JITTER = 0.25;
    /** What the delay function returns for "no Retry-After": Failsafe then applies the backoff. */
    private static final Duration FALL_BACK_TO_BACKOFF = Duration.ofMillis(-1);

    private final IgdbSettings settings;
    private final TwitchTokens tokens;
    private final OkHttpClient http;
    private final FailsafeExecutor<Answer> limited;
    private final Bucket starts;
    private final AtomicLong httpRequests = new AtomicLong();
    private final FailsafeExecutor<String> retried;

    IgdbTransport(IgdbSettings settings, TwitchTokens tokens, OkHttpClient http) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = http;
        Bulkhead<Answer> inFlight = Bulkhead.<Answer>builder(settings.maxInFlight())
                .withMaxWaitTime(MAX_QUEUE_WAIT).build();
        this.limited = Failsafe.with(inFlight);
        this.starts = Bucket.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, settings.requestInterval()))
                .build();
        RetryPolicy<String> retry = RetryPolicy.<String>builder()
                .handle(IgdbException.RateLimited.class, IgdbException.UpstreamDown.class)
                .withMaxAttempts(settings.maxAttempts())
                .withMaxDuration(MAX_RETRYING)
                .withBackoff(settings.backoffMin(), settings.backoffMax())
                .withJitter(JITTER)
                .withDelayFnOn(ctx -> ((IgdbException.RateLimited) ctx.getLastException()).retryAfter()
                        .map(IgdbTransport::atLeast)
                        .orElse(FALL_BACK_TO_BACKOFF), IgdbException.RateLimited.class)
                .onRetry(e -> log.info("igdb retry attempt={} cause={}", e.getAttemptCount(),
                        e.getLastException().getMessage()))
                .build();
        this.retried = Failsafe.with(retry);
    }

    /** POSTs {@code query} to {@code endpoint} (e.g. "games", "multiquery") and returns the 200 answer's body. */
    String post(String endpoint, String query) {
        try {
            return retried.get(() -> attempt(endpoint, query));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IgdbException.UpstreamDown("interrupted while waiting for IGDB", e.getCause());
            }
            throw new IgdbException.UpstreamDown("IGDB call failed: " + e.getMessage(), e);
        }
    }

    /** One try: a 401 gets one token refresh and one re-send; other statuses become exceptions. */
    private String attempt(String endpoint, String query) {
        String token = tokens.current();
        Answer answer = send(endpoint, query, token);
        if (answer.status() == 401) {
            answer = send(endpoint, query, tokens.replace(token));
            if (answer.status() == 401) {
                throw new IgdbException.BadCredentials(
                        "IGDB refused a freshly minted token; check IGDB_CLIENT_ID and IGDB_CLIENT_SECRET");
            }
        }
        return check(answer);
    }

    /** One HTTP exchange, body read inside the bulkhead slot: a request is open until its body is in. */
    private Answer send(String endpoint, String query, String token) {
        var request = new Request.Builder()
                .url(settings.baseUrl() + endpoint)
                .header("Client-ID", settings.clientId())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .post(RequestBody.create(query, TEXT))
                .build();
        try {
            return limited.get(() -> {
                if (!starts.asBlocking().tryConsume(1, MAX_QUEUE_WAIT)) {
                    throw new IgdbException.RateLimited("too many IGDB requests queued in this process", null);
                }
                httpRequests.incrementAndGet();
                try (Response response = http.newCall(request).execute()) {
                    return new Answer(response.code(), response.body().string(), retryAfter(response));
                }
            });
        } catch (BulkheadFullException e) {
            throw new IgdbException.RateLimited("too many IGDB requests queued in this process", null);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedIOException) {
                throw new IgdbException.UpstreamDown("IGDB did not answer within " + settings.callTimeout().toMillis()
                        + " ms", cause);
            }
            if (cause instanceof IOException) {
                throw new IgdbException.UpstreamDown("IGDB could not be reached: " + cause.getMessage(), cause);
            }
            throw e;
        }
    }

    /**
     * The delay to hand Failsafe for a {@code Retry-After} (capped at a minute): Failsafe jitters
     * every delay by ±{@value #JITTER}, so asking for wait / (1 - jitter) never waits less than asked.
     */
    private static Duration atLeast(Duration retryAfter) {
        Duration wait = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        return Duration.ofNanos((long) Math.ceil(wait.toNanos() / (1 - JITTER)));
    }

    long httpRequests() {
        return httpRequests.get();
    }

    private static String check(Answer answer) {
        int status = answer.status();
        if (status == 200) {
            return answer.body();
        }
        if (status == 429) {
            throw new IgdbException.RateLimited("IGDB answered 429 Too Many Requests", answer.retryAfter());
        }
        if (status == 408 || status >= 500) {
            throw new IgdbException.UpstreamDown("IGDB answered HTTP " + status, null);
        }
        if (status == 403) {
            throw new IgdbException.BadCredentials("IGDB refused access (HTTP 403) for this client id");
        }
        throw new IgdbException.BadResponse("IGDB rejected the query (HTTP " + status + ")", null);
    }

    private record Answer(int status, String body, Duration retryAfter) {}

    /** Retry-After in seconds, when present and sane; IGDB normally sends none. */
    private static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
