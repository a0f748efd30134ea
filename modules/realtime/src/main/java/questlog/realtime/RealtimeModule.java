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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.DatabaseUrl;
import questlog.common.EventLog;

/**
 * The realtime module: the event outbox writer other modules record through, the relay that
 * delivers committed events (WebSocket clients of this instance, Redis, webhooks), and the routes
 * and socket that serve the log. Build it, hand {@link #eventLog()} to the modules, mount
 * {@link #routes()} under {@code /api} and {@link #websocket()} at {@code /ws/questlog} (with
 * {@link #websocketFactory(String)} on Jetty's WebSocket factory), then {@link #start()}; close it
 * on shutdown.
 */
public final class RealtimeModule implements AutoCloseable {

    /**
     * Settings. {@code redisUrl} empty: no Redis, events go to WebSocket clients and webhooks only.
     * {@code pollInterval}: how often relays look for events when no notification arrived.
     * {@code clientQueueLimit}: live events a WebSocket client may have waiting; beyond it the
     * client catches up from the log instead. {@code slowClientTimeout}: how long a client may
     * accept no data, or stay behind after falling behind, before it is closed as too slow.
     */
    public record Settings(Optional<String> redisUrl, String redisChannel, Duration pingInterval, int clientQueueLimit,
                           Duration slowClientTimeout, Duration pollInterval, int webhookMaxFailures,
                           Duration webhookRetryBase, Duration webhookRetryMax, Duration webhookTimeout) {
        public static final String DEFAULT_CHANNEL = "events:questlog";

        public static Settings defaults() {
            return new Settings(Optional.empty(), DEFAULT_CHANNEL, Duration.ofSeconds(30), 1000, Duration.ofSeconds(30),
                    Duration.ofSeconds(1), 10, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(10));
        }

        public Settings withRedis(String url, String channel) {
            return new Settings(Optional.of(url), channel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout);
        }

        /** The same without Redis: for a process that records events but never relays them. */
        public Settings withoutRedis() {
            return new Settings(Optional.empty(), redisChannel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout);
        }

        public Settings withWebSocket(Duration pingInterval, int clientQueueLimit, Duration slowClientTimeout) {
            return new Settings(redisUrl, redisChannel, pingInterval, clientQueueLimit, slowClientTimeout, pollInterval,
                    webhookMaxFailures, webhookRetryBase, webhookRetryMax, webhookTimeout);
        }
    }

    private final Jdbi jdbi;
    private final DatabaseUrl database;
    private final Settings settings;
    private final OutboxEventLog eventLog;
    private final Renderer renderer;
    private final WebSocketHub hub;
    private final HubFeed hubFeed;
    private final RedisRelay redisRelay;
    private final WebhookDelivery webhookDelivery;
    private final EventController events;
    private final WebhookController webhooks;
    private EventNotifications notifications;
    private boolean started;

    public RealtimeModule(Jdbi jdbi, DatabaseUrl database, ObjectMapper json, Settings settings) {
        this.jdbi = jdbi;
        this.database = database;
        this.settings = settings;
        this.eventLog = new OutboxEventLog(json);
        this.renderer = new Renderer(json);
        long pollMs = settings.pollInterval().toMillis();
        this.hub = new WebSocketHub(jdbi, renderer, settings.clientQueueLimit(), settings.pingInterval(),
                settings.slowClientTimeout());
        this.hubFeed = new HubFeed(jdbi, renderer, hub, pollMs);
        this.redisRelay = settings.redisUrl()
                .map(url -> new RedisRelay(jdbi, renderer, new RedisPublisher(url, Duration.ofSeconds(2)),
                        settings.redisChannel(), pollMs))
                .orElse(null);
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.webhookDelivery = new WebhookDelivery(jdbi, renderer, new WebhookDelivery.Policy(settings.webhookMaxFailures(),
                settings.webhookRetryBase(), settings.webhookRetryMax(), settings.webhookTimeout()), pollMs, owner);
        this.events = new EventController(jdbi, renderer);
        this.webhooks = new WebhookController(new WebhookService(jdbi));
    }

    /** Records events in the caller's transaction; give it to every module that changes data. */
    public EventLog eventLog() {
        return eventLog;
    }

    /** {@code /events} (reads) and {@code /webhooks} (write token), to mount under {@code /api}. */
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

    /** The routes above as the OpenAPI document describes them. */
    public List<ApiOperation> operations() {
        return RealtimeApi.operations();
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

    /** Starts the relay: from now on every committed event is delivered. */
    public synchronized RealtimeModule start() {
        if (started) {
            return this;
        }
        started = true;
        hub.start(hubFeed.startAtEnd());
        List<Worker> workers = new ArrayList<>(List.of(hubFeed, webhookDelivery));
        if (redisRelay != null) {
            redisRelay.initCursor();
            workers.add(redisRelay);
        }
        workers.forEach(Worker::start);
        notifications = new EventNotifications(database, workers);
        notifications.start();
        return this;
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
