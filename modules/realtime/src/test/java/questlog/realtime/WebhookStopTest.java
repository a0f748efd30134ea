package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.TestDatabase;

/**
 * An instance that stops while a webhook POST awaits its answer. The next instance must go on at
 * once, not when the stopped one's lease lapses (half a minute later, and then only at its next
 * poll): CrashRecoveryTest once waited a minute for deliveries that never came because a stop had
 * cut the delivery's connection before it gave up its lease. The wait here, 10 s, is well under
 * that lapse.
 */
class WebhookStopTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final String SECRET = "a-secret-of-thirty-two-characters";
    static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Short waits, but a webhook timeout (10 s, the default) longer than the stop's grace period
     * (Worker.FINISH_MS): a held POST is cut by the stop, not timed out first.
     */
    static final RealtimeModule.Settings PATIENT = patient(RealtimeServer.fast());

    record DeliveryState(String leaseOwner, long lastEventId) {}

    private static RealtimeModule.Settings patient(RealtimeModule.Settings s) {
        return new RealtimeModule.Settings(s.redisUrl(), s.redisChannel(), s.pingInterval(), s.clientQueueLimit(),
                s.slowClientTimeout(), s.pollInterval(), s.webhookMaxFailures(), s.webhookRetryBase(), s.webhookRetryMax(),
                Duration.ofSeconds(10), s.webhookAllowPrivate());
    }

    @Test
    void aPostAnsweredDuringTheStopIsRecordedAndTheNextInstanceGoesOnWithoutSendingItAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            CountDownLatch answer = new CountDownLatch(1);
            HeldPost held = holdAPost(receiver, answer, "vagrant-story");
            RealtimeServer first = held.server();

            first.app.stop();
            Thread.ofVirtual().start(() -> {
                sleep(1000);
                answer.countDown(); // the receiver answers while the module is stopping
            });
            first.module.close();
            assertThat(state(first.jdbi, held.webhook())).isEqualTo(new DeliveryState(null, held.event()));

            receiver.answerGate = null;
            try (RealtimeServer next = new RealtimeServer(db, PATIENT)) {
                long later = next.append(EventTypes.GAME_ADDED, Map.of("game", "parasite-eve"));
                assertThat(receiver.take(1, WAIT)).extracting(WebhookReceiver.Delivery::eventId)
                        .as("only the new event, at once").containsExactly(Long.toString(later));
                next.send("DELETE", "/api/webhooks/" + held.webhook(), null);
            }
        }
    }

    @Test
    void aPostThatOutlastsTheStopIsSentAgainByTheNextInstanceAtOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            CountDownLatch answer = new CountDownLatch(1);
            HeldPost held = holdAPost(receiver, answer, "legend-of-mana");
            RealtimeServer first = held.server();
            try {
                first.close(); // gives the POST Worker.FINISH_MS, then cuts it
            } finally {
                receiver.answerGate = null;
                answer.countDown();
            }
            assertThat(state(first.jdbi, held.webhook())).as("unacknowledged, and no lease left behind")
                    .isEqualTo(new DeliveryState(null, held.acknowledgedBefore()));

            try (RealtimeServer next = new RealtimeServer(db, PATIENT)) {
                assertThat(receiver.take(1, WAIT)).extracting(WebhookReceiver.Delivery::eventId)
                        .as("sent again: delivery is at least once").containsExactly(Long.toString(held.event()));
                next.send("DELETE", "/api/webhooks/" + held.webhook(), null);
            }
        }
    }

    /** A server whose webhook POST of one new event has reached the receiver, which answers once {@code answer} opens. */
    record HeldPost(RealtimeServer server, UUID webhook, long acknowledgedBefore, long event) {}

    private static HeldPost holdAPost(WebhookReceiver receiver, CountDownLatch answer, String game) throws Exception {
        receiver.answerGate = answer;
        RealtimeServer server = new RealtimeServer(db, PATIENT);
        UUID id = register(server, receiver.url());
        long before = state(server.jdbi, id).lastEventId();
        long event = server.append(EventTypes.GAME_ADDED, Map.of("game", game));
        assertThat(receiver.take(1, WAIT)).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(event));
        return new HeldPost(server, id, before, event);
    }

    private static UUID register(RealtimeServer server, String url) throws Exception {
        var created = server.send("POST", "/api/webhooks",
                TestJson.MAPPER.writeValueAsString(Map.of("url", url, "types", List.of(), "secret", SECRET)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(TestJson.MAPPER.readTree(created.body()).get("id").asText());
    }

    private static DeliveryState state(Jdbi jdbi, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT lease_owner, last_event_id FROM webhook WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new DeliveryState(rs.getString(1), rs.getLong(2))).one());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
