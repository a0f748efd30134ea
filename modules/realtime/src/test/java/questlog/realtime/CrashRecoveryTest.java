package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestRedis;

/**
 * The app dies after its writes commit but before anything is published: the outbox holds the
 * events and the cursors stay behind them, so the next start publishes exactly those, to Redis,
 * to webhooks and to clients that resume with since=.
 */
class CrashRecoveryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final String SECRET = "crash-recovery-secret-0123456789";

    static String channel = TestRedis.channel();
    static RedisSubscriber subscriber;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        subscriber = new RedisSubscriber(TestRedis.url(), channel);
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterAll
    static void stop() {
        subscriber.close();
        receiver.close();
    }

    @Test
    void eventsCommittedWhileNoRelayRanAreDeliveredOnTheNextStart() throws Exception {
        RealtimeModule.Settings settings = RealtimeServer.fast().withRedis(TestRedis.url(), channel);
        long lastSeen;
        try (RealtimeServer first = new RealtimeServer(db, settings)) {
            var created = first.send("POST", "/api/webhooks", TestJson.MAPPER.writeValueAsString(
                    Map.of("url", receiver.url(), "secret", SECRET)));
            assertThat(created.statusCode()).isEqualTo(201);
            lastSeen = first.append(EventTypes.GAME_ADDED, Map.of("game", "before-the-crash"));
            assertThat(subscriber.take(1, Duration.ofSeconds(10)).stream().map(RedisRelayTest::id)).containsExactly(lastSeen);
            assertThat(receiver.take(1, Duration.ofSeconds(10))).extracting(WebhookReceiver.Delivery::eventId)
                    .containsExactly(Long.toString(lastSeen));
            // Received is not yet recorded: the premise is a crash after the cursors moved past it
            // (a stop while an acknowledgement is under way may send it again: at least once).
            awaitCursors(first.jdbi, lastSeen);
        }

        // The process is gone; these writes commit with no relay running anywhere.
        Jdbi jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        EventLog outbox = new OutboxEventLog(TestJson.MAPPER);
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int n = i;
            missed.add(jdbi.inTransaction(h -> {
                outbox.append(h, EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "game-" + n));
                return h.createQuery("SELECT currval('event_id_seq')").mapTo(Long.class).one();
            }));
        }
        Thread.sleep(300);
        assertThat(subscriber.messages).isEmpty();
        assertThat(receiver.deliveries).isEmpty();

        try (RealtimeServer restarted = new RealtimeServer(db, settings)) {
            List<Long> published = subscriber.take(25, Duration.ofSeconds(60)).stream().map(RedisRelayTest::id).toList();
            assertThat(published).containsExactlyElementsOf(missed);
            assertThat(receiver.take(25, Duration.ofSeconds(60))).extracting(d -> Long.parseLong(d.eventId()))
                    .containsExactlyElementsOf(missed);
            StreamClient resumed = StreamClient.open(restarted.wsUrl("since=" + lastSeen));
            try {
                assertThat(resumed.ids(25, Duration.ofSeconds(30))).containsExactlyElementsOf(missed);
            } finally {
                resumed.shut();
            }
            assertThat(subscriber.take(1, Duration.ofMillis(300))).as("nothing published twice").isEmpty();
            assertThat(receiver.take(1, Duration.ofMillis(1))).isEmpty();
        }
    }

    /** Waits until Redis's cursor and the webhook's have recorded {@code id}. */
    private static void awaitCursors(Jdbi jdbi, long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long behind = Long.MAX_VALUE;
        while (behind > 0 && System.nanoTime() < deadline) {
            behind = jdbi.withHandle(h -> h.createQuery("""
                            SELECT (SELECT count(*) FROM webhook WHERE last_event_id < :id)
                                 + (SELECT count(*) FROM relay_cursor WHERE target = :redis AND last_id < :id)
                                 + (SELECT 1 - count(*) FROM relay_cursor WHERE target = :redis)""")
                    .bind("id", id).bind("redis", "redis:" + channel).mapTo(Long.class).one());
            if (behind > 0) {
                Thread.sleep(20);
            }
        }
        assertThat(behind).as("cursors behind event " + id).isZero();
    }
}
