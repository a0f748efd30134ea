package questlog.realtime;

import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket clients of this instance. Each client has a bounded queue and a writer (a
 * virtual thread) that first replays the log after {@code since}, then sends live events; the
 * relay hands every committed event to {@link #dispatch} in id order.
 *
 * <p>No gap, no duplicate: a client is registered under the hub's lock together with the id of
 * the last event dispatched so far ({@code replayTo}). Everything after that id reaches its queue
 * live; everything up to it comes from the log. The writer drops any live event at or below what
 * it already sent.
 *
 * <p>Bounded: a client whose queue overflows (it reads slower than events arrive) is closed with
 * 1013 and a reason, then cut off if it does not complete the close. Dead clients: the hub pings
 * every {@code pingInterval}; a client that has not answered the previous ping by the next one is
 * disconnected (pongs are seen through {@link PongTracking}).
 */
final class WebSocketHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHub.class);
    private static final int REPLAY_PAGE = 500;
    static final int MAX_IN_FLIGHT = 32;

    private final Jdbi jdbi;
    private final Renderer renderer;
    private final int queueLimit;
    private final Duration pingInterval;
    private final Map<Session, Client> clients = new ConcurrentHashMap<>();
    private final Set<Session> pongTracked = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory writers = Thread.ofVirtual().name("questlog-ws-writer-", 0).factory();
    private ScheduledFuture<?> pinger;
    private long position; // guarded by this: id of the last event dispatched

    WebSocketHub(Jdbi jdbi, Renderer renderer, int queueLimit, Duration pingInterval) {
        this.jdbi = jdbi;
        this.renderer = renderer;
        this.queueLimit = queueLimit;
        this.pingInterval = pingInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("questlog-ws-pinger").factory());
    }

    synchronized void start(long lastDispatched) {
        position = lastDispatched;
        long ms = pingInterval.toMillis();
        pinger = scheduler.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    Consumer<WsConfig> endpoint() {
        return ws -> {
            ws.onConnect(this::connect);
            ws.onClose(this::closed);
            ws.onError(this::failed);
        };
    }

    int clientCount() {
        return clients.size();
    }

    // --- connection lifecycle -------------------------------------------------------------

    private void connect(WsConnectContext ctx) {
        StreamRequest request;
        try {
            request = new StreamRequest(StreamRequest.since(ctx.queryParam("since")),
                    StreamRequest.types(ctx.queryParams("types")));
        } catch (StreamRequest.InvalidException e) {
            ctx.closeSession(1008, e.getMessage());
            return;
        }
        Client client = new Client(ctx.session, request, pongTracked.contains(ctx.session));
        synchronized (this) {
            client.replayTo = position;
            clients.put(ctx.session, client);
        }
        if (request.since() != null && request.since() > client.replayTo) {
            long latest = jdbi.withExtension(EventDao.class, EventDao::latestId);
            if (request.since() > latest) {
                drop(client);
                ctx.closeSession(1008, "since=" + request.since() + " is after the latest event id " + latest);
                return;
            }
        }
        client.writer = writers.newThread(client::run);
        client.writer.start();
    }

    private void closed(WsCloseContext ctx) {
        pongTracked.remove(ctx.session);
        Client client = clients.get(ctx.session);
        if (client != null) {
            drop(client);
        }
    }

    private void failed(WsErrorContext ctx) {
        Client client = clients.get(ctx.session);
        if (client != null && !ctx.session.isOpen()) {
            drop(client);
        }
    }

    /** Forgets a client and stops its writer; true if this call did it. */
    private boolean drop(Client client) {
        if (!client.markClosed()) {
            return false;
        }
        clients.remove(client.session, client);
        Thread writer = client.writer;
        if (writer != null) {
            writer.interrupt();
        }
        return true;
    }

    // --- events ---------------------------------------------------------------------------

    /** Hands committed events, in id order, to every client. Never blocks on a client. */
    synchronized void dispatch(List<Message> messages) {
        for (Message message : messages) {
            position = message.id();
            for (Client client : clients.values()) {
                if (client.wants(message) && !client.queue.offer(message)) {
                    tooSlow(client);
                }
            }
        }
    }

    private void tooSlow(Client client) {
        if (!drop(client)) {
            return;
        }
        log.info("WebSocket client {} could not keep up ({} events waiting); closing it", client.session.getRemoteSocketAddress(), queueLimit);
        client.session.close(1013, "client too slow: over " + queueLimit + " events waiting; reconnect with since=<last id received>",
                Callback.NOOP);
        scheduler.schedule(() -> {
            if (client.session.isOpen()) {
                client.session.disconnect();
            }
        }, 10, TimeUnit.SECONDS);
    }

    // --- heartbeats -----------------------------------------------------------------------

    /** Called for each new socket that {@link PongTracking} watches, before its connect handler. */
    void pongTracked(Session session) {
        pongTracked.add(session);
    }

    void pong(Session session) {
        Client client = clients.get(session);
        if (client != null) {
            client.awaitingPong = false;
        }
    }

    private void pingAll() {
        for (Client client : clients.values()) {
            try {
                if (client.pongTracked && client.awaitingPong) {
                    log.info("WebSocket client {} did not answer the last ping; disconnecting it", client.session.getRemoteSocketAddress());
                    if (drop(client)) {
                        client.session.disconnect();
                    }
                    continue;
                }
                client.awaitingPong = true;
                client.session.sendPing(ByteBuffer.wrap(new byte[] {'q', 'l'}), Callback.NOOP);
            } catch (RuntimeException e) {
                log.debug("ping to {} failed: {}", client.session.getRemoteSocketAddress(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.cancel(false);
        }
        for (Client client : List.copyOf(clients.values())) {
            if (drop(client)) {
                client.session.close(1001, "server shutting down", Callback.NOOP);
            }
        }
        scheduler.shutdownNow();
    }

    /** One connected socket: its filter, its bounded queue, and its writer. */
    private final class Client {
        final Session session;
        final StreamRequest request;
        final boolean pongTracked;
        final ArrayBlockingQueue<Message> queue;
        final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean awaitingPong;
        volatile Thread writer;
        long replayTo;

        Client(Session session, StreamRequest request, boolean pongTracked) {
            this.session = session;
            this.request = request;
            this.pongTracked = pongTracked;
            this.queue = new ArrayBlockingQueue<>(queueLimit);
        }

        boolean wants(Message message) {
            return request.types().isEmpty() || request.types().contains(message.type());
        }

        boolean markClosed() {
            return closed.compareAndSet(false, true);
        }

        void run() {
            try {
                long sent = replay();
                while (!closed.get()) {
                    Message message = queue.take();
                    if (message.id() > sent) {
                        send(message);
                        sent = message.id();
                    }
                }
            } catch (InterruptedException e) {
                // dropped: closed, too slow or dead
            } catch (RuntimeException e) {
                log.warn("WebSocket writer for {} failed", session.getRemoteSocketAddress(), e);
                if (drop(this)) {
                    session.close(1011, "server error", Callback.NOOP);
                }
            }
        }

        /** Sends the log after {@code since} up to {@code replayTo}; returns the id the client now has everything up to. */
        private long replay() throws InterruptedException {
            Long since = request.since();
            if (since == null) {
                return replayTo;
            }
            long cursor = since;
            String[] types = request.typeArray();
            while (cursor < replayTo && !closed.get()) {
                long after = cursor;
                List<Event> page = jdbi.withExtension(EventDao.class, dao -> dao.page(after, replayTo, types, REPLAY_PAGE));
                for (Event event : page) {
                    send(renderer.render(event));
                }
                if (page.size() < REPLAY_PAGE) {
                    break;
                }
                cursor = page.getLast().id();
            }
            return Math.max(since, replayTo);
        }

        private void send(Message message) throws InterruptedException {
            inFlight.acquire();
            if (closed.get()) {
                inFlight.release();
                throw new InterruptedException("closed");
            }
            session.sendText(message.json(), Callback.from(inFlight::release, failure -> {
                inFlight.release();
                if (drop(this)) {
                    log.debug("send to {} failed: {}", session.getRemoteSocketAddress(), failure.toString());
                    session.disconnect();
                }
            }));
        }
    }

}
