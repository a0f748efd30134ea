package questlog.realtime;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.websocket.WsConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import questlog.common.dataset.DatasetSection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.DatabaseUrl;
import questlog.common.EventLog;
import questlog.common.FeatureModule;
import questlog.common.HealthCheck;
import questlog.common.SecretBox;

/**
 * The realtime module: the event outbox writer other modules record through, the relay that
 * delivers committed events (WebSocket clients of this instance, Redis, webhooks), and the routes
 * and socket that serve the log. Build it, hand {@link #eventLog()} to the modules, mount
 * {@link #routes()} under {@code /api} and {@link #websocket()} at {@code /ws/questlog} (with
 * {@link #websocketFactory(String)} on Jetty's WebSocket factory), then {@link #start()}; close it
 * on shutdown.
 */
public final class RealtimeModule implements FeatureModule {
    /** How often relays look for events unprompted while the LISTEN connection is up. */
    static final long LISTENING_POLL_MS = 30_000;

    /**
     * Settings. {@code redisUrl} empty: no Redis, events go to WebSocket clients and webhooks only.
     * {@code pollInterval}: how often relays look for events when no notification arrived.
     * {@code clientQueueLimit}: live events a WebSocket client may have waiting; beyond it the
     * client catches up from the log instead. {@code slowClientTimeout}: how long a client may
     * accept no data, or stay behind after falling behind, before it is closed as too slow.
     * {@code webhookAllowPrivate}: webhooks may target loopback, private and other non-public
     * addresses (a receiver on the same host or network); off by default.
     */
    public record Settings(Optional<String> redisUrl, String redisChannel, Duration pingInterval, int clientQueueLimit,
                           Duration slowClientTimeout, Duration pollInterval, int webhookMaxFailures,
                           Duration webhookRetryBase, Duration webhookRetryMax, Duration webhookTimeout,
                           boolean webhookAllowPrivate) {
        public static final String DEFAULT_CHANNEL = "events:questlog";

        public static Settings defaults() {
            return new Settings(Optional.empty(), DEFAULT_CHANNEL, Duration.ofSeconds(30), 1000, Duration.ofSeconds(30),
                    Duration.ofSeconds(1), 10, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(10),
                    false);
        }

        public Settings withRedis(String url, String channel) {
            return new Settings(Optional.of(url), channel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout, webhookAllowPrivate);
        }

        /** The same without Redis: for a process that records events but never relays them. */
        public Settings withoutRedis() {
            return new Settings(Optional.empty(), redisChannel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout, webhookAllowPrivate);
        }

        public Settings withWebSocket(Duration pingInterval, int clientQueueLimit, Duration slowClientTimeout) {
            return new Settings(redisUrl, redisChannel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout, webhookAllowPrivate);
        }

        public Settings withWebhookAllowPrivate(boolean allow) {
            return new Settings(redisUrl, redisChannel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout, allow);
        }
    }

    /**
     * What {@link #resealSecrets()} did to stored webhook secrets: plain-text ones encrypted, ones
     * of a previous key re-encrypted with the current one, ones no configured key opens, and ones
     * left in plain text because no key is set.
     */
    public record SecretsResealed(int encrypted, int rotated, int unreadable, int plain) {}

    private final Jdbi jdbi;
    private final DatabaseUrl database;
    private final Settings settings;
    private final OutboxEventLog eventLog;
    private final Renderer renderer;
    private final WebSocketHub hub;
    private final HubFeed hubFeed;
    private final RedisRelay redisRelay;
    private final WebhookSecrets webhookSecrets;
    private final WebhookDelivery webhookDelivery;
    private final EventController events;
    private final WebhookController webhooks;
    private final WebhooksDataset webhooksDataset;
    private volatile EventNotifications notifications;
    private boolean started;

    /**
     * @param secrets encrypts webhook secrets at rest ({@code QUESTLOG_SECRET_KEY}); without it,
     *        webhooks can be registered only without a secret
     */
    public RealtimeModule(Jdbi jdbi, DatabaseUrl database, ObjectMapper json, Settings settings,
                          Optional<SecretBox> secrets) {
        this(jdbi, database, json, settings, secrets, WebhookTargets.SYSTEM_DNS);
    }

    /** With the resolver webhook targets are looked up with: tests give host names fixed addresses. */
    RealtimeModule(Jdbi jdbi, DatabaseUrl database, ObjectMapper json, Settings settings, Optional<SecretBox> secrets,
                   WebhookTargets.Resolver resolver) {
        this.jdbi = jdbi;
        this.database = database;
        this.settings = settings;
        this.eventLog = new OutboxEventLog(json);
        this.renderer = new Renderer(json);
        long pollMs = settings.pollInterval().toMillis();
        // While notifications arrive, polling is only a safety net: every commit wakes the relays.
        LongSupplier idleWait = () -> notifications != null && notifications.isLive()
                ? Math.max(pollMs, LISTENING_POLL_MS) : pollMs;
        this.hub = new WebSocketHub(jdbi, renderer, settings.clientQueueLimit(), settings.pingInterval(),
                settings.slowClientTimeout());
        this.hubFeed = new HubFeed(jdbi, renderer, hub, idleWait);
        this.redisRelay = settings.redisUrl()
                .map(url -> new RedisRelay(jdbi, renderer, new RedisPublisher(url, Duration.ofSeconds(2)),
                        settings.redisChannel(), idleWait))
                .orElse(null);
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        var targets = new WebhookTargets(settings.webhookAllowPrivate(), resolver);
        this.webhookSecrets = new WebhookSecrets(jdbi, secrets);
        this.webhookDelivery = new WebhookDelivery(jdbi, renderer, new WebhookDelivery.Policy(settings.webhookMaxFailures(),
                settings.webhookRetryBase(), settings.webhookRetryMax(), settings.webhookTimeout()), idleWait, owner,
                targets, webhookSecrets);
        this.events = new EventController(jdbi, renderer);
        WebhookService webhookService = new WebhookService(jdbi, targets, webhookSecrets);
        this.webhooks = new WebhookController(webhookService, json, webhookDelivery::wake);
        this.webhooksDataset = new WebhooksDataset(webhookService);
    }

    /** Records events in the caller's transaction; give it to every module that changes data. */
    public EventLog eventLog() {
        return eventLog;
    }

    @Override
    public String name() {
        return "realtime";
    }

    /** {@code /events} (reads) and {@code /webhooks} (write token), to mount under {@code /api}. */
    @Override
    public EndpointGroup routes() {
        return () -> {
            path("events", () -> get(events::list, Access.READ));
            path("webhooks", () -> {
                get(webhooks::list, Access.WRITE);
                post(webhooks::create, Access.WRITE);
                path("{id}", () -> {
                    get(webhooks::get, Access.WRITE);
                    delete(webhooks::delete, Access.WRITE);
                    post("resume", webhooks::resume, Access.WRITE);
                });
            });
        };
    }

    /** The {@code webhooks} section of Questlog's own export format (never a secret). */
    @Override
    public List<DatasetSection> datasetSections() {
        return List.of(webhooksDataset);
    }

    /** The routes above as the OpenAPI document describes them. */
    @Override
    public List<ApiOperation> operations() {
        return RealtimeApi.operations();
    }

    /** A webhook's delivery state (cursor, failures, pause) changes without a change event. */
    @Override
    public List<String> uncachedPaths() {
        return List.of("/api/webhooks");
    }

    /** With REDIS_URL, readiness needs the publisher's connection. */
    @Override
    public List<HealthCheck> healthChecks() {
        return redisRelay == null ? List.of()
                : List.of(new HealthCheck("redis", redisRelay::isConnected, "unreachable", "Not ready: Redis is unreachable"));
    }

    /** The event-stream socket's handlers ({@code ?since=&types=}); mount with {@link Access#READ}. */
    public Consumer<WsConfig> websocket() {
        return hub.endpoint();
    }

    /**
     * Jetty WebSocket settings for the socket mounted at {@code path}: an idle timeout longer than
     * two ping intervals, and pong tracking so dead clients are dropped.
     */
    public Consumer<JettyWebSocketServletFactory> websocketFactory(String path) {
        return PongTracking.install(path, hub, settings.pingInterval().multipliedBy(2).plusSeconds(5));
    }

    /**
     * Encrypts webhook secrets stored in plain text (from before encryption) and re-encrypts those
     * of a previous key with the current {@code QUESTLOG_SECRET_KEY}; without a key, only counts.
     * {@link #start()} does it; {@code questlog secrets rotate} does it without serving.
     */
    public SecretsResealed resealSecrets() {
        return webhookSecrets.reseal();
    }

    /** Re-seals webhook secrets, then starts the relay: from now on every committed event is delivered. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        resealSecrets();
        hub.start(hubFeed.startAtEnd());
        List<Worker> workers = new ArrayList<>(List.of(hubFeed, webhookDelivery));
        if (redisRelay != null) {
            redisRelay.initCursor();
            workers.add(redisRelay);
        }
        workers.forEach(Worker::start);
        notifications = new EventNotifications(database, workers);
        notifications.start();
    }

    /**
     * Call when the HTTP server starts to stop (before Jetty closes connections its own way):
     * closes every event-stream client with 1012 (service restart) and a reason, refuses new ones
     * the same way, and waits up to 2 s for the close handshakes.
     */
    public void closeSockets() {
        hub.closeAll(Duration.ofSeconds(2));
    }

    /**
     * How far each channel is behind the newest committed event, in events: {@code websocket}
     * (this instance's sockets), {@code redis} (with REDIS_URL) and {@code webhook:<id>} for each
     * active webhook. For /metrics; one query.
     */
    public Map<String, Long> relayLag() {
        return jdbi.withHandle(h -> {
            long newest = h.createQuery("SELECT coalesce(max(id), 0) FROM event").mapTo(Long.class).one();
            Map<String, Long> lag = new LinkedHashMap<>();
            if (started) {
                lag.put("websocket", Math.max(0, newest - hubFeed.cursor()));
            }
            h.createQuery("""
                            SELECT 'redis' AS channel, last_id FROM relay_cursor WHERE target = :redis
                            UNION ALL
                            SELECT 'webhook:' || id, last_event_id FROM webhook WHERE status = 'active'""")
                    .bind("redis", "redis:" + settings.redisChannel())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> {
                        if (!e.getKey().equals("redis") || redisRelay != null) {
                            lag.put(e.getKey(), Math.max(0, newest - e.getValue()));
                        }
                    });
            return lag;
        });
    }

    /** For tests: this instance's WebSocket clients. */
    WebSocketHub webSocketHub() {
        return hub;
    }

    /** WebSocket clients connected to this instance. */
    public int webSocketClients() {
        return hub.clientCount();
    }

    /** Empty when Redis is not configured; else whether the publisher's connection is up. */
    public Optional<Boolean> redisConnected() {
        return redisRelay == null ? Optional.empty() : Optional.of(redisRelay.isConnected());
    }

    @Override
    public synchronized void close() {
        if (notifications != null) {
            notifications.close();
        }
        hubFeed.close();
        webhookDelivery.close();
        if (redisRelay != null) {
            redisRelay.close();
        }
        hub.close();
    }
}
