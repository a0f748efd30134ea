package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import questlog.testsupport.TestRedis;

/**
 * Commands run with REDIS_URL set (in JVMs of their own, as from a shell) start no relay and no
 * Redis connection: their events wait in the outbox and the running server publishes them. (A
 * command used to start a relay of its own and, stopping before it had connected, logged that
 * Redis was unavailable while Redis answered.)
 */
class CommandEventsTest {
    static final String CHANNEL = TestRedis.channel();
    static final Map<String, String> REDIS = Map.of("REDIS_URL", TestRedis.url(), "REDIS_CHANNEL", CHANNEL);

    @RegisterExtension
    static final TestApp server = new TestApp(REDIS);

    @TempDir
    Path dir;

    @Test
    void aCommandsEventsArePublishedByTheServerAndTheCommandSaysNothingAboutRedis() throws Exception {
        RedisClient redis = RedisClient.create(TestRedis.url());
        try (StatefulRedisPubSubConnection<String, String> subscription = redis.connectPubSub()) {
            BlockingQueue<String> published = new LinkedBlockingQueue<>();
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    published.add(message);
                }
            });
            subscription.sync().subscribe(CHANNEL);
            Path dataset = dir.resolve("dataset.json");
            try (var in = CommandEventsTest.class.getResourceAsStream("/fixtures/dataset-all-sections.json")) {
                Files.copy(in, dataset);
            }

            String imported = run("import", "json", dataset.toString());
            String exported = run("export", dir.resolve("export.json").toString());

            assertThat(imported).doesNotContainIgnoringCase("redis");
            assertThat(exported).doesNotContainIgnoringCase("redis");
            List<String> gamesAdded = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (gamesAdded.size() < 40 && System.nanoTime() < deadline) {
                String message = published.poll(1, TimeUnit.SECONDS);
                if (message != null && TestApp.JSON.readTree(message).get("type").asText().equals("questlog:game_added")) {
                    gamesAdded.add(TestApp.JSON.readTree(message).at("/payload/game").asText());
                }
            }
            assertThat(gamesAdded).as("game_added events the server published").hasSize(40).doesNotHaveDuplicates();
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void aCommandBuildsNoRedisPublisherNoRelayNoChangeFeedAndNoJobRunner() {
        AppConfig base = AppConfig.fromEnv(REDIS);
        AppConfig config = base.withDatabase(new AppConfig.DatabaseConfig(
                java.util.Optional.of(server.database().url()), base.database().dataDir(), 2));
        try (AppDeps command = AppDeps.forCommand(config, false)) {
            assertThat(command.realtime().redisConnected()).as("no Redis publisher").isEmpty();
            assertThat(command.jobs().isRunning()).isFalse();
            assertThat(command.changes.isLive()).isFalse();
        }
        try (AppDeps enrich = AppDeps.forCommand(config, true)) {
            assertThat(enrich.realtime().redisConnected()).isEmpty();
            assertThat(enrich.jobs().isRunning()).isTrue();
        }
        // The server, for contrast, publishes to Redis.
        assertThat(server.deps().realtime().redisConnected()).isPresent();
    }

    /** Runs {@code questlog args} on the server's database with Redis configured; returns its output. */
    String run(String... args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(REDIS);
        env.put("DATABASE_URL", server.database().databaseUrlSetting());
        var command = QuestlogProcess.start(dir.resolve(args[0] + ".log"), env, args);
        assertThat(command.process().waitFor(120, TimeUnit.SECONDS)).as(command.output()).isTrue();
        assertThat(command.process().exitValue()).as(command.output()).isZero();
        return command.output();
    }
}
