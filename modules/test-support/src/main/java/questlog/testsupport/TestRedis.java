package questlog.testsupport;

import java.util.UUID;

/**
 * The Redis for tests that only need one running: {@code TEST_REDIS_URL} when set (CI points it
 * at the local server), else a private redis-server started once per JVM. Other test runs may
 * share that server, so every test publishes on a channel of its own ({@link #channel()}).
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv("TEST_REDIS_URL");
            if (configured != null && !configured.isBlank()) {
                url = configured.strip();
            } else {
                RedisServerProcess server = RedisServerProcess.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                url = server.url();
            }
        }
        return url;
    }

    public static String channel() {
        return "test:events:" + UUID.randomUUID();
    }
}
