package questlog.realtime;

import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.EventTypes;

/**
 * The WebSocket clients of this instance. The relay hands every committed event to
 * {@link #dispatch} in id order. A live client that is keeping up ({@code direct}: nothing
 * waiting in its queue, fewer than {@value #MAX_IN_FLIGHT} frames unwritten) gets the event
 * straight from the dispatching thread: the event is encoded once and the same bytes are handed
 * to every such socket without blocking, so a fan-out wakes no thread per socket (with many
 * sockets, a few fan-out threads, one per processor, take a share each; dispatch waits for them,
 * so every socket still gets events one at a time and in id order). Otherwise the
 * event goes to the client's writer (a virtual thread), which sends either from the log
 * ({@code catching up}: the replay after {@code ?since=}, or after falling behind) or from its
 * bounded queue of live events, and hands the client back to direct sending once that queue is
 * empty.
 *
 * <p>No gap, no duplicate: a client without {@code since} gets every event dispatched after its
 * upgrade request was accepted (the client may see its handshake complete before the server has
 * registered the socket, so "after registration" would lose events written in between). A
 * client's {@code cursor} is the id it has been served through. While
 * it catches up, dispatch skips it and the writer reads the log after its cursor; it goes live
 * only under the hub's lock, when its cursor has reached the last id dispatched, so every later
 * event reaches its queue. The writer drops anything at or below its cursor.
 *
 * <p>Bounded: live events wait in a queue of {@code queueLimit}. When it is full (a burst such as
 * a large import, or a slow reader), the queue is emptied and the client catches up from the log
 * instead, one page at a time, so memory stays bounded whatever happens. A client that cannot
 * keep up is closed with 1013 and a reason: one whose socket accepts nothing for
 * {@code slowClientTimeout}, or one still behind {@code slowClientTimeout} after it fell behind.
 *
 * <p>Dead clients: the hub pings every {@code pingInterval}; a client that has not answered the
 * previous ping by the next one is disconnected (pongs are seen through {@link PongTracking}).
 *
 * <p>A {@code since} past the end of the log (the database was restored or reset after the client
 * saw that id) cannot be served, and refusing it would make a client that reconnects with its last
 * id retry forever: the client gets a {@link StreamReset} as its first message and then the events
 * after the latest id. When the server stops, every client is closed with 1012 (service restart),
 * so it knows to reconnect with {@code since}.
 */
final class WebSocketHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHub.class);
    private static final int PAGE = 500;
    /** Close code and reason of a stopping server: IANA's "Service Restart", a hint to reconnect. */
    static final int RESTART = 1012;
    static final String RESTART_REASON = "server restarting; reconnect with since=<last id>";
    /** Close reason for a socket that arrives before the relay has started (the HTTP server starts first). */
    static final String STARTING_REASON = "server starting; reconnect with since=<last id>";
    /** What {@link #positionAtUpgrade()} answers before {@link #start}: no position yet. */
    static final long BEFORE_START = -1;
    static final int MAX_IN_FLIGHT = 32;
    /** Sockets a fan-out thread takes at least: below that, splitting a dispatch costs more than it saves. */
    static final int MIN_SOCKETS_PER_THREAD = 200;
    /** Wakes a writer: it fell behind, or it was dropped. Never sent. */
    private static final Message WAKE = new Message(-1, "", "");

    private final Jdbi jdbi;
    private final Renderer renderer;
    private final int queueLimit;
    private final Duration pingInterval;
    private final long slowClientNanos;
    private final Map<Session, Client> clients = new ConcurrentHashMap<>();
    /** Sockets upgraded through {@link PongTracking}: the last id dispatched when their upgrade was accepted. */
    private final Map<Session, Long> upgradedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory writers = Thread.ofVirtual().name("questlog-ws-writer-", 0).factory();
    /** Helps dispatch hand an event to many sockets: the dispatching thread plus these, one per processor. */
    private final int fanOutThreads;
    private final ExecutorService fanOut;
    private int minSocketsPerThread = MIN_SOCKETS_PER_THREAD; // guarded by this
    private ScheduledFuture<?> pinger;
    private long position; // guarded by this: id of the last event dispatched
    private boolean started; // guarded by this
    private volatile boolean stopping;

    WebSocketHub(Jdbi jdbi, Renderer renderer, int queueLimit, Duration pingInterval, Duration slowClientTimeout) {
        this.jdbi = jdbi;
        this.renderer = renderer;
        this.queueLimit = queueLimit;
        this.pingInterval = pingInterval;
        this.slowClientNanos = slowClientTimeout.toNanos();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("questlog-ws-pinger").factory());
        this.fanOutThreads = Runtime.getRuntime().availableProcessors();
        this.fanOut = Executors.newFixedThreadPool(Math.max(1, fanOutThreads - 1),
                Thread.ofPlatform().daemon().name("questlog-ws-fanout-", 0).factory());
    }

    /** For tests: split dispatches among the fan-out threads from fewer sockets on. */
    synchronized void splitFrom(int socketsPerThread) {
        this.minSocketsPerThread = socketsPerThread;
    }

    synchronized void start(long lastDispatched) {
        position = lastDispatched;
        started = true;
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
        if (stopping) {
            ctx.closeSession(RESTART, RESTART_REASON);
            return;
        }
        // The HTTP server accepts sockets while the relay is still starting: until it knows where
        // the log ends, a client could be given neither its replay nor a live position, so it is
        // asked to come back (1012, as on a restart: clients reconnect at once).
        if (!isStarted()) {
            ctx.closeSession(RESTART, STARTING_REASON);
            return;
        }
        StreamRequest request;
        try {
            request = new StreamRequest(StreamRequest.since(ctx.queryParam("since")),
                    StreamRequest.types(ctx.queryParams("types")));
        } catch (StreamRequest.InvalidException e) {
            ctx.closeSession(1008, e.getMessage());
            return;
        }
        Long upgraded = upgradedAt.get(ctx.session);
        if (upgraded != null && upgraded == BEFORE_START) {
            // Accepted while starting: it may have seen its handshake complete before the log's end
            // was known, so no position would keep the promise of every event after its upgrade.
            ctx.closeSession(RESTART, STARTING_REASON);
            return;
        }
        Client client = new Client(ctx.session, request, upgraded != null);
        long dispatched;
        synchronized (this) {
            dispatched = position;
            if (request.since() == null && (upgraded == null || upgraded >= position)) {
                client.cursor = position;
                client.direct = true;
            } else if (request.since() == null) {
                client.cursor = upgraded; // events dispatched since the upgrade come from the log
                client.catchingUp = true;
            } else {
                client.cursor = request.since();
                client.catchingUp = true;
            }
            clients.put(ctx.session, client);
        }
        if (request.since() != null && request.since() > dispatched) {
            long latest = jdbi.withExtension(EventDao.class, EventDao::latestId);
            if (request.since() > latest) {
                // Still catching up, so dispatch leaves it alone; its writer starts from the latest id.
                client.cursor = latest;
                client.greeting = renderer.render(StreamReset.of(latest, request.since(), Instant.now()));
            }
        }
        writers.newThread(client::run).start();
    }

    private void closed(WsCloseContext ctx) {
        upgradedAt.remove(ctx.session);
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

    /**
     * Forgets a client and tells its writer to stop (never by interrupting it: it may be in the
     * middle of a database read); true if this call did it.
     */
    private boolean drop(Client client) {
        if (!client.closed.compareAndSet(false, true)) {
            return false;
        }
        clients.remove(client.session, client);
        client.queue.clear();
        client.queue.offer(WAKE);
        return true;
    }

    // --- events ---------------------------------------------------------------------------

    /**
     * Hands committed events, in id order, to every live client: to the socket itself when the
     * client is keeping up, else to its writer's queue. Never blocks on a client.
     */
    synchronized void dispatch(List<Message> messages) {
        Client[] all = clients.values().toArray(new Client[0]);
        int parts = Math.min(fanOutThreads, all.length / Math.max(1, minSocketsPerThread));
        Future<?>[] helpers = new Future<?>[Math.max(0, parts - 1)];
        for (Message message : messages) {
            position = message.id();
            byte[] utf8 = message.json().getBytes(StandardCharsets.UTF_8); // once for every socket
            // The other threads' shares, then ours; each socket is in one share, and the next event
            // waits until every share has this one, so the hub's lock covers their work too.
            for (int part = 1; part < parts; part++) {
                int from = all.length * part / parts;
                int to = all.length * (part + 1) / parts;
                try {
                    helpers[part - 1] = fanOut.submit(() -> deliver(all, from, to, message, utf8));
                } catch (RejectedExecutionException e) { // closing: do that share here
                    deliver(all, from, to, message, utf8);
                    helpers[part - 1] = CompletableFuture.completedFuture(null);
                }
            }
            try {
                deliver(all, 0, parts > 1 ? all.length / parts : all.length, message, utf8);
            } finally {
                awaitAll(helpers);
            }
        }
    }

    /** Dispatch's work for clients {@code all[from..to)}: on the dispatching thread or a fan-out thread. */
    private void deliver(Client[] all, int from, int to, Message message, byte[] utf8) {
        for (int i = from; i < to; i++) {
            Client client = all[i];
            // An event at or before the cursor was served already: a client that read the log
            // (after ?since=, or a stream reset at the latest id) can go live before the event it
            // read there is dispatched, and must not get it twice.
            if (client.catchingUp || !client.wants(message) || message.id() <= client.cursor) {
                continue;
            }
            if (client.direct) {
                if (client.sendNow(message, utf8)) {
                    continue;
                }
                client.direct = false; // its writer takes over until its queue is empty again
            }
            if (!client.queue.offer(message)) {
                // Fell behind: forget the queue, the writer reads the log from its cursor instead.
                client.catchingUp = true;
                client.behindSince = System.nanoTime();
                client.queue.clear();
                client.queue.offer(WAKE);
            }
        }
    }

    /** Waits for every share of a dispatch, even when interrupted: the next event must not overtake one. */
    private static void awaitAll(Future<?>[] shares) {
        boolean interrupted = false;
        Throwable failure = null;
        for (Future<?> share : shares) {
            while (true) {
                try {
                    share.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("a fan-out share failed", failure);
        }
    }

    /** Under the lock: the client has read the log through the last dispatched id, so it goes live. */
    private synchronized boolean goLive(Client client, long readThrough) {
        if (readThrough < position) {
            return false;
        }
        client.cursor = Math.max(client.cursor, readThrough);
        client.catchingUp = false;
        client.behindSince = 0;
        client.direct = client.queue.isEmpty();
        return true;
    }

    /** Under the lock: the writer has handed over all it had, so dispatch may send to the socket again. */
    private synchronized void goDirect(Client client) {
        if (!client.catchingUp && client.queue.isEmpty()) {
            client.direct = true;
        }
    }

    private void tooSlow(Client client, String why) {
        if (!drop(client)) {
            return;
        }
        log.info("WebSocket client {} cannot keep up ({}); closing it", client.session.getRemoteSocketAddress(), why);
        client.session.close(1013, "client too slow (" + why + "); reconnect with since=<last id received>", Callback.NOOP);
        scheduler.schedule(() -> {
            if (client.session.isOpen()) {
                client.session.disconnect();
            }
        }, 10, TimeUnit.SECONDS);
    }

    // --- heartbeats -----------------------------------------------------------------------

    /** The id of the last event dispatched so far. */
    synchronized long dispatched() {
        return position;
    }

    private synchronized boolean isStarted() {
        return started;
    }

    /** For an upgrade being accepted: {@link #dispatched()}, or {@link #BEFORE_START} while the hub is not started. */
    synchronized long positionAtUpgrade() {
        return started ? position : BEFORE_START;
    }

    /**
     * Called for each new socket that {@link PongTracking} watches, before its connect handler,
     * with what {@link #positionAtUpgrade()} was when its upgrade was accepted.
     */
    void upgraded(Session session, long dispatchedAtUpgrade) {
        upgradedAt.put(session, dispatchedAtUpgrade);
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

    /**
     * Closes every client with 1012 and refuses new ones the same way, then waits (up to
     * {@code wait}) for the close handshakes, so that clients hear why before the server stops.
     */
    void closeAll(Duration wait) {
        stopping = true;
        List<Session> closing = new ArrayList<>();
        for (Client client : List.copyOf(clients.values())) {
            if (drop(client)) {
                closing.add(client.session);
                client.session.close(RESTART, RESTART_REASON, Callback.NOOP);
            }
        }
        // Upgraded, but their connect handler has not run yet (it will see stopping and close them too).
        for (Session session : List.copyOf(upgradedAt.keySet())) {
            if (!closing.contains(session) && session.isOpen()) {
                closing.add(session);
                session.close(RESTART, RESTART_REASON, Callback.NOOP);
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (closing.stream().anyMatch(Session::isOpen) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.cancel(false);
        }
        closeAll(Duration.ZERO);
        scheduler.shutdownNow();
        fanOut.shutdownNow();
    }

    /**
     * One connected socket: its filter, its bounded queue, its position in the log, and its
     * writer. It is also the Jetty callback of every frame sent to it (no allocation per frame).
     */
    private final class Client implements org.eclipse.jetty.util.Callback {
        final Session session;
        /** Jetty's session under the API one: frames of bytes encoded once for every socket. */
        final CoreSession core;
        final StreamRequest request;
        final String[] types;
        final boolean pongTracked;
        final ArrayBlockingQueue<Message> queue = new ArrayBlockingQueue<>(queueLimit + 1); // + room for WAKE
        final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean awaitingPong;
        /** Sent before anything else (a stream reset); set before the writer starts. */
        String greeting;
        // guarded by the hub's lock
        boolean catchingUp;
        long behindSince;
        /** Live, its queue empty and its writer idle: dispatch sends to the socket itself. */
        boolean direct;
        /**
         * The id this client has been served through (sent, or skipped by its types): set by
         * dispatch while {@code direct}, else by the writer; the hand-overs go through the hub's
         * lock or the queue.
         */
        volatile long cursor;

        Client(Session session, StreamRequest request, boolean pongTracked) {
            this.session = session;
            this.core = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
            this.request = request;
            this.types = request.typeArray();
            this.pongTracked = pongTracked;
        }

        boolean wants(Message message) {
            return request.types().isEmpty() || request.types().contains(message.type());
        }

        void run() {
            try {
                if (greeting != null) {
                    send(new Message(cursor, EventTypes.STREAM_RESET, greeting));
                }
                boolean catching;
                synchronized (WebSocketHub.this) {
                    catching = catchingUp;
                }
                if (catching) {
                    catchUp();
                }
                while (!closed.get()) {
                    Message message = queue.take();
                    if (message == WAKE) {
                        if (!closed.get()) {
                            catchUp();
                        }
                    } else if (message.id() > cursor) {
                        send(message);
                        cursor = message.id();
                    }
                    if (queue.isEmpty()) {
                        goDirect(this);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("WebSocket writer for {} failed", session.getRemoteSocketAddress(), e);
                if (drop(this)) {
                    session.close(1011, "server error", Callback.NOOP);
                }
            }
        }

        /** Sends the log after the cursor, page by page, until it has reached what was dispatched. */
        private void catchUp() throws InterruptedException {
            while (!closed.get()) {
                long target = dispatched();
                long readThrough = cursor;
                while (readThrough < target && !closed.get()) {
                    long after = readThrough;
                    List<Event> page = jdbi.withExtension(EventDao.class, dao -> dao.page(after, target, types, PAGE));
                    for (Event event : page) {
                        send(renderer.render(event));
                        cursor = event.id();
                    }
                    readThrough = page.size() < PAGE ? target : page.getLast().id();
                    checkBehind();
                }
                if (closed.get() || goLive(this, readThrough)) {
                    return;
                }
            }
        }

        /** A client that fell behind (not one replaying what it asked for) gets {@code slowClientTimeout} to catch up. */
        private void checkBehind() {
            long since;
            synchronized (WebSocketHub.this) {
                since = behindSince;
            }
            if (since != 0 && System.nanoTime() - since > slowClientNanos) {
                tooSlow(this, "still behind " + Duration.ofNanos(slowClientNanos).toSeconds() + " s after falling behind");
            }
        }

        /** Hands one message to the socket; waits while {@value #MAX_IN_FLIGHT} are unwritten, for at most the slow-client timeout. */
        private void send(Message message) throws InterruptedException {
            long deadline = System.nanoTime() + slowClientNanos;
            while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                if (closed.get()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    tooSlow(this, "no data accepted for " + Duration.ofNanos(slowClientNanos).toSeconds() + " s");
                    return;
                }
            }
            if (closed.get()) {
                inFlight.release();
                return;
            }
            write(message, message.json().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * From dispatch: hands the frame to the socket unless {@value #MAX_IN_FLIGHT} are still
         * unwritten (false: the writer must take over). True also for a closed client.
         */
        boolean sendNow(Message message, byte[] utf8) {
            if (closed.get()) {
                return true;
            }
            if (!inFlight.tryAcquire()) {
                return false;
            }
            try {
                write(message, utf8);
            } catch (RuntimeException e) { // this socket only: the others still get the event
                failed(e);
                return true;
            }
            cursor = message.id();
            return true;
        }

        /** Queues one text frame on the socket without blocking; a permit is held until Jetty calls back. */
        private void write(Message message, byte[] utf8) {
            if (core != null) {
                // A buffer of its own over the shared bytes: writing moves the buffer's position.
                core.sendFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)), this, false);
            } else {
                session.sendText(message.json(), Callback.from(this::succeeded, this::failed));
            }
        }

        /** The frame was written to the socket. */
        @Override
        public void succeeded() {
            inFlight.release();
        }

        @Override
        public void failed(Throwable failure) {
            inFlight.release();
            if (drop(this)) {
                log.info("Sending to WebSocket client {} failed ({}); disconnecting it", session.getRemoteSocketAddress(),
                        failure.toString());
                session.disconnect();
            }
        }
    }
}
