package questlog.realtime;

import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.SecretBox;

/**
 * Delivers the log to webhooks. Each webhook is worked by one instance at a time (a lease in its
 * row), in id order, one POST per matching event, signed with the webhook's secret. A failed POST
 * (no 2xx within the timeout) stops that webhook's queue and schedules a retry with exponential
 * backoff and jitter; after {@code maxFailures} consecutive failures the webhook is paused, which
 * GET /api/webhooks reports, until POST /api/webhooks/{id}/resume. Events are never skipped: a
 * resumed webhook continues after the last event it acknowledged.
 *
 * <p>Every POST goes only to a target {@link WebhookTargets} accepts, checked after DNS
 * resolution and connected to at the very addresses checked; redirects are not followed and no
 * proxy is used, so neither can lead elsewhere. A webhook without a secret gets unsigned POSTs.
 */
final class WebhookDelivery extends Worker {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int BATCH = 100;
    private static final String[] ALL_TYPES = new String[0];
    private static final MediaType JSON = MediaType.get("application/json");

    record Policy(int maxFailures, Duration retryBase, Duration retryMax, Duration timeout) {}

    private final Jdbi jdbi;
    private final Renderer renderer;
    private final Policy policy;
    private final LongSupplier idleWait;
    private final String owner;
    private final double leaseSeconds;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;
    private final OkHttpClient http;
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("questlog-webhook-", 0).factory());
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    /** Whether this instance ever held a lease: only then has a stop any to give up. */
    private volatile boolean everLeased;

    WebhookDelivery(Jdbi jdbi, Renderer renderer, Policy policy, LongSupplier idleWait, String owner,
                    WebhookTargets targets, WebhookSecrets secrets) {
        super("questlog-webhooks");
        this.jdbi = jdbi;
        this.renderer = renderer;
        this.policy = policy;
        this.idleWait = idleWait;
        this.owner = owner;
        this.leaseSeconds = policy.timeout().toSeconds() + 30.0;
        this.targets = targets;
        this.secrets = secrets;
        // The timeout bounds each phase (connect, send, wait for the answer), not the whole call: a
        // process's first call also loads OkHttp's classes, which is no fault of the receiver.
        this.http = new OkHttpClient.Builder()
                .connectTimeout(policy.timeout())
                .writeTimeout(policy.timeout())
                .readTimeout(policy.timeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .dns(targets.dns())
                .build();
    }

    @Override
    protected long step() {
        WebhookDao dao = jdbi.onDemand(WebhookDao.class);
        for (UUID id : dao.due()) {
            if (stopping || !running.add(id)) {
                continue;
            }
            Optional<Webhook> claimed = dao.claim(id, owner, leaseSeconds);
            if (claimed.isEmpty()) {
                running.remove(id);
                continue;
            }
            everLeased = true;
            deliveries.execute(() -> {
                try {
                    deliver(claimed.get());
                } catch (RuntimeException e) {
                    if (stopping) {
                        // Cut by the stop (its connection closed with the interrupt): close() gives the lease up.
                        log.debug("Webhook {} delivery cut by the stop: {}", id, e.toString());
                    } else {
                        log.warn("Webhook {} delivery stopped", id, e);
                        try {
                            jdbi.useExtension(WebhookDao.class, d -> d.release(id, owner));
                        } catch (RuntimeException releaseFailed) {
                            log.warn("Webhook {}: its lease lapses on its own: {}", id, releaseFailed.toString());
                        }
                    }
                } finally {
                    running.remove(id);
                }
                wake();
            });
        }
        long idle = idleWait.getAsLong();
        // Nothing scheduled: wait for a notification or the idle poll, never a busy loop.
        long untilRetry = dao.millisUntilNextRetry().orElse(idle);
        return Math.max(10, Math.min(idle, untilRetry));
    }

    private void deliver(Webhook webhook) {
        WebhookDao dao = jdbi.onDemand(WebhookDao.class);
        EventDao events = jdbi.onDemand(EventDao.class);
        long cursor = webhook.lastEventId();
        int failures = webhook.consecutiveFailures();
        while (!stopping) {
            List<Event> page = events.page(cursor, Long.MAX_VALUE, ALL_TYPES, BATCH);
            if (page.isEmpty()) {
                dao.release(webhook.id(), owner);
                return;
            }
            long skippedTo = cursor;
            for (Event event : page) {
                if (!webhook.wants(event.type())) {
                    skippedTo = event.id();
                    continue;
                }
                String error = post(webhook, renderer.render(event));
                if (error == null) {
                    // Recorded even while stopping: the receiver has it, so it must not be sent again.
                    if (dao.advance(webhook.id(), owner, event.id(), true, leaseSeconds) == 0) {
                        return; // deleted, or the lease went to another instance
                    }
                    failures = 0;
                    cursor = skippedTo = event.id();
                    if (stopping) {
                        dao.release(webhook.id(), owner);
                        return;
                    }
                    continue;
                }
                if (stopping) {
                    return; // this failure may be the stop's own interrupt; close() gives the lease up
                }
                if (skippedTo > cursor) {
                    dao.advance(webhook.id(), owner, skippedTo, false, leaseSeconds);
                }
                failures++;
                double retryIn = backoff(failures).toMillis() / 1000.0;
                dao.failed(webhook.id(), owner, error, policy.maxFailures(), retryIn).ifPresent(after -> {
                    if (Webhook.PAUSED.equals(after.status())) {
                        log.warn("Webhook {} ({}) paused after {} failed attempts in a row; last error: {}. "
                                + "POST /api/webhooks/{}/resume to continue.", after.id(), after.url(),
                                after.consecutiveFailures(), error, after.id());
                    } else {
                        log.info("Webhook {} ({}) failed on event {}: {}; retry {} in {} ms", after.id(), after.url(),
                                event.id(), error, after.consecutiveFailures(), Math.round(retryIn * 1000));
                    }
                });
                return;
            }
            if (skippedTo > cursor) {
                if (dao.advance(webhook.id(), owner, skippedTo, false, leaseSeconds) == 0) {
                    return;
                }
                cursor = skippedTo;
            }
        }
        dao.release(webhook.id(), owner);
    }

    /** POSTs one envelope; null on a 2xx, else what went wrong. */
    private String post(Webhook webhook, Message message) {
        byte[] body = message.json().getBytes(StandardCharsets.UTF_8);
        HttpUrl url = HttpUrl.parse(webhook.url());
        if (url == null) {
            return "not an http(s) URL";
        }
        Optional<String> refused = targets.refusal(url.host()); // IP literals skip OkHttp's DNS, so check them here
        if (refused.isPresent()) {
            return "the webhook URL " + refused.get();
        }
        Request.Builder request = new Request.Builder().url(url)
                .header("User-Agent", "Questlog-Webhooks/1")
                .header("X-Questlog-Event", message.type())
                .header("X-Questlog-Event-Id", Long.toString(message.id()))
                .post(RequestBody.create(body, JSON));
        if (webhook.secret() != null) {
            try {
                request.header(Signatures.HEADER, Signatures.sign(secrets.reveal(webhook.secret()), body));
            } catch (SecretBox.CannotOpenException e) {
                return "cannot sign: " + e.getMessage();
            }
        }
        try (Response response = http.newCall(request.build()).execute()) {
            int status = response.code();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (WebhookTargets.RefusedTarget e) {
            return e.getMessage();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    Duration backoff(int failures) {
        return backoff(policy, failures, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * retryBase × 2^(failures−1), capped at retryMax, times a jitter factor between 0.8 and 1.2
     * (from {@code random} in [0, 1)) so that retries of many webhooks spread out.
     */
    static Duration backoff(Policy policy, int failures, double random) {
        long base = policy.retryBase().toMillis();
        long max = policy.retryMax().toMillis();
        long delay = failures >= 31 ? max : Math.min(max, base << Math.max(0, failures - 1));
        return Duration.ofMillis(Math.max(1, Math.round(delay * (0.8 + random * 0.4))));
    }

    /**
     * Stops like {@link Worker#close()}, deliveries included: each POST under way may finish and be
     * recorded (for up to {@link Worker#FINISH_MS}), as a Redis publish may. Interrupting one at once
     * cut its database connection before it gave up its lease, and the next start then left that
     * webhook alone until the lease ran out (half a minute and more). Leases still held after that
     * are given up, so only a crash, never a stop, delays the next instance.
     */
    @Override
    public void close() {
        stopping = true;
        super.close();
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(FINISH_MS, TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
                deliveries.awaitTermination(FINISH_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (everLeased) {
            try {
                jdbi.useExtension(WebhookDao.class, dao -> dao.releaseAll(owner));
            } catch (RuntimeException e) {
                log.warn("Could not give up this instance's webhook leases; they lapse on their own: {}", e.toString());
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
