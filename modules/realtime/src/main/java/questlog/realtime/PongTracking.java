package questlog.realtime;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Lets the hub see pongs and the moment of the upgrade, which Javalin's WebSocket handlers do not
 * expose. For the event-stream path it maps a Jetty creator that notes the hub's position (while
 * the upgrade is being accepted, before the client can see it complete), asks Javalin's own
 * creator (the servlet's default mapping) for its endpoint and wraps it in a {@link Listener}
 * that forwards every callback Javalin handles and reports pongs to the hub. Without pongs a peer
 * that vanished without closing would count as alive until TCP gave up, because our pings
 * themselves keep Jetty's idle timer from firing.
 */
final class PongTracking {
    private PongTracking() {}

    static Consumer<JettyWebSocketServletFactory> install(String path, WebSocketHub hub, Duration idleTimeout) {
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return factory -> {
            factory.setIdleTimeout(idleTimeout);
            factory.addMapping(prefix + "/*", (request, response) -> {
                long dispatched = hub.positionAtUpgrade();
                JettyWebSocketCreator javalin = factory.getMapping("/");
                Object endpoint = javalin == null ? null : javalin.createWebSocket(request, response);
                return endpoint instanceof Session.Listener.AutoDemanding listener
                        ? new Listener(listener, hub, dispatched) : endpoint;
            });
        };
    }

    /**
     * Forwards exactly the callbacks Javalin's endpoint implements (Jetty binds only overridden
     * methods, so this must not add others) and handles pongs. Public because Jetty invokes
     * listener methods through a public lookup.
     */
    public static final class Listener implements Session.Listener.AutoDemanding {
        private final Session.Listener delegate;
        private final WebSocketHub hub;
        private final long dispatchedAtUpgrade;
        private volatile Session session;

        Listener(Session.Listener delegate, WebSocketHub hub, long dispatchedAtUpgrade) {
            this.delegate = delegate;
            this.hub = hub;
            this.dispatchedAtUpgrade = dispatchedAtUpgrade;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            hub.upgraded(session, dispatchedAtUpgrade);
            delegate.onWebSocketOpen(session);
        }

        @Override
        public void onWebSocketText(String message) {
            delegate.onWebSocketText(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            delegate.onWebSocketBinary(payload, callback);
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            Session s = session;
            if (s != null) {
                hub.pong(s);
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            delegate.onWebSocketError(cause);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            delegate.onWebSocketClose(statusCode, reason, callback);
        }
    }
}
