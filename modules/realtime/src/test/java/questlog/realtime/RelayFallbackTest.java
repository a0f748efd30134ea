package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;

/** Without its LISTEN connection the relay still delivers, by polling, and then listens again. */
class RelayFallbackTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static RealtimeServer server;

    @BeforeAll
    static void start() {
        server = new RealtimeServer(db, RealtimeServer.fast());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static int killListeners() {
        return server.jdbi.withHandle(h -> h.createQuery("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'questlog-event-listener'""")
                .mapTo(Integer.class).one());
    }

    @Test
    void eventsStillArriveWhenTheNotificationConnectionIsGone() throws Exception {
        StreamClient client = StreamClient.open(server.wsUrl(""));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (killListeners() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (int i = 0; i < 5; i++) {
                long id = server.append(EventTypes.SYNC_PROGRESS, Map.of("step", i));
                assertThat(client.ids(1, Duration.ofSeconds(10))).containsExactly(id);
                killListeners();
            }
        } finally {
            client.shut();
        }
    }
}
