package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.StreamClient;
import questlog.testsupport.TestDatabase;

/** The event stream over a real socket, read by Java-WebSocket (not the server's Jetty). */
class WebSocketStreamTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);

    static RealtimeServer server;

    @BeforeAll
    static void start() {
        server = new RealtimeServer(db, RealtimeServer.fast());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void liveEventsArriveAsTheSameEnvelopeTheLogServes() throws Exception {
        StreamClient client = StreamClient.open(server.wsUrl(""));
        try {
            long id = server.append(EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "final-fantasy-vii-rebirth",
                    "work", "Final Fantasy VII Rebirth", "platform", "PlayStation 5", "playtime_hours", 87, "rating", 9));
            String received = client.messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            JsonNode envelope = TestJson.MAPPER.readTree(received);
            assertThat(envelope.get("id").asLong()).isEqualTo(id);
            assertThat(envelope.get("type").asText()).isEqualTo("questlog:playthrough_complete");
            assertThat(envelope.get("payload").get("rating").asInt()).isEqualTo(9);
            assertThat(envelope.get("payload").get("work").asText()).isEqualTo("Final Fantasy VII Rebirth");
            assertThat(envelope.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(fieldNames(envelope)).containsExactly("id", "type", "payload", "timestamp");

            JsonNode fromLog = TestJson.MAPPER.readTree(server.get("/api/events?since=" + (id - 1) + "&limit=1").body())
                    .get("items").get(0);
            assertThat(fromLog).isEqualTo(envelope);
        } finally {
            client.shut();
        }
    }

    @Test
    void sinceReplaysTheLogThenSwitchesToLiveWithNoGapAndNoDuplicate() {
        long first = server.append(EventTypes.SYNC_PROGRESS, Map.of("step", 0));
        for (int i = 1; i < 30; i++) {
            server.append(EventTypes.SYNC_PROGRESS, Map.of("step", i));
        }
        // Writes keep coming while the client connects and replays.
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> written = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                written.add(server.append(EventTypes.SYNC_PROGRESS, Map.of("step", "live")));
            }
        });
        StreamClient client = StreamClient.open(server.wsUrl("since=" + (first + 9)));
        try {
            sleep(300);
            writing.set(false);
            join(writer);
            long last = written.isEmpty() ? first + 29 : written.getLast();
            int expected = (int) (last - (first + 9));
            List<Long> ids = client.ids(expected, WAIT);
            assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(first + 10, last).boxed().toList());
            assertThat(client.ids(1, Duration.ofMillis(300))).isEmpty();
        } finally {
            client.shut();
        }
    }

    @Test
    void aClientThatReconnectsWithSinceNGetsExactlyTheEventsAfterN() {
        StreamClient before = StreamClient.open(server.wsUrl(""));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> written = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                written.add(server.append(EventTypes.LIST_UPDATED, Map.of("list", "best-rpgs", "verb", "added",
                        "entries", List.of("chrono-trigger"))));
                sleep(2);
            }
        });
        List<Long> seen;
        StreamClient after;
        try {
            seen = before.ids(20, WAIT);
            assertThat(seen).hasSize(20);
        } finally {
            before.shut();
        }
        long n = seen.getLast();
        sleep(100); // events keep committing while the client is away
        after = StreamClient.open(server.wsUrl("since=" + n));
        try {
            sleep(200);
            writing.set(false);
            join(writer);
            long last = written.getLast();
            List<Long> resumed = after.ids((int) (last - n), WAIT);
            assertThat(resumed).containsExactlyElementsOf(LongStream.rangeClosed(n + 1, last).boxed().toList());
            assertThat(after.ids(1, Duration.ofMillis(300))).isEmpty();
        } finally {
            after.shut();
        }
    }

    @Test
    void typesFilterBothReplayAndLiveEvents() {
        long start = server.append(EventTypes.GAME_ADDED, Map.of("game", "a"));
        long wantedOld = server.append(EventTypes.PLAYTHROUGH_STARTED, Map.of("game", "a"));
        server.append(EventTypes.GAME_UPDATED, Map.of("game", "a"));
        StreamClient client = StreamClient.open(server.wsUrl("since=" + start
                + "&types=questlog:playthrough_started,questlog:playthrough_complete"));
        try {
            server.append(EventTypes.GAME_REMOVED, Map.of("game", "a"));
            long wantedNew = server.append(EventTypes.PLAYTHROUGH_COMPLETE, Map.of("game", "a"));
            assertThat(client.ids(2, WAIT)).containsExactly(wantedOld, wantedNew);
            assertThat(client.ids(1, Duration.ofMillis(300))).isEmpty();
        } finally {
            client.shut();
        }
    }

    @Test
    void badParametersCloseTheSocketWithAReason() {
        StreamClient badSince = StreamClient.attempt(server.wsUrl("since=yesterday"));
        assertThat(badSince.awaitClose(WAIT)).isTrue();
        assertThat(badSince.closeCode).isEqualTo(1008);
        assertThat(badSince.closeReason).contains("since");

        StreamClient badType = StreamClient.attempt(server.wsUrl("types=questlog:game_added,questlog:nope"));
        assertThat(badType.awaitClose(WAIT)).isTrue();
        assertThat(badType.closeCode).isEqualTo(1008);
        assertThat(badType.closeReason).contains("questlog:nope");
    }

    @Test
    void aSincePastTheEndOfTheLogGetsAResetMessageThenTheEventsAfterTheLatest() {
        long latest = server.append(EventTypes.GAME_ADDED, Map.of("game", "before-the-restore"));
        StreamClient client = StreamClient.open(server.wsUrl("since=" + (latest + 1000) + "&types=game_added"));
        try {
            List<JsonNode> first = client.take(1, WAIT);
            assertThat(first).hasSize(1);
            JsonNode reset = first.getFirst();
            assertThat(fieldNames(reset)).containsExactly("id", "type", "payload", "timestamp");
            assertThat(reset.get("id").isNull()).isTrue();
            assertThat(reset.get("type").asText()).isEqualTo("questlog:stream_reset");
            assertThat(reset.get("payload").get("latest_id").asLong()).isEqualTo(latest);
            assertThat(reset.get("payload").get("requested_since").asLong()).isEqualTo(latest + 1000);
            assertThat(reset.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

            server.append(EventTypes.GAME_UPDATED, Map.of("game", "filtered-out"));
            long next = server.append(EventTypes.GAME_ADDED, Map.of("game", "after-the-restore"));
            assertThat(client.ids(1, WAIT)).containsExactly(next);
            assertThat(client.isOpen()).isTrue();
        } finally {
            client.shut();
        }
    }

    @Test
    void shortTypeNamesFilterLikeFullOnes() {
        StreamClient client = StreamClient.open(server.wsUrl("types=list_updated,questlog:game_removed"));
        try {
            server.append(EventTypes.GAME_ADDED, Map.of("game", "d"));
            long list = server.append(EventTypes.LIST_UPDATED, Map.of("list", "l", "verb", "added", "entries", List.of("d")));
            long removed = server.append(EventTypes.GAME_REMOVED, Map.of("game", "d"));
            assertThat(client.ids(2, WAIT)).containsExactly(list, removed);
        } finally {
            client.shut();
        }
    }

    @Test
    void aStoppingServerClosesItsClientsWith1012() {
        StreamClient client;
        try (RealtimeServer stopping = new RealtimeServer(db, RealtimeServer.fast())) {
            client = StreamClient.open(stopping.wsUrl(""));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (stopping.module.webSocketClients() == 0 && System.nanoTime() < deadline) {
                sleep(10); // the client may see its handshake complete before the server has registered it
            }
            assertThat(stopping.module.webSocketClients()).isEqualTo(1);
        }
        assertThat(client.awaitClose(WAIT)).isTrue();
        assertThat(client.closeCode).isEqualTo(1012);
        assertThat(client.closeReason).contains("restarting").contains("since");
    }

    @Test
    void aSocketThatArrivesWhileTheServerStartsIsAskedToReconnectAndThenMissesNothing() {
        long before = server.append(EventTypes.GAME_ADDED, Map.of("game", "before-the-start"));
        try (RealtimeServer starting = RealtimeServer.listeningBeforeStart(db, RealtimeServer.fast())) {
            for (String query : List.of("", "since=0")) {
                StreamClient early = StreamClient.attempt(starting.wsUrl(query));
                assertThat(early.awaitClose(WAIT)).as(query).isTrue();
                assertThat(early.closeCode).as(query).isEqualTo(1012);
                assertThat(early.closeReason).as(query).contains("starting").contains("since");
            }
            long whileStarting = server.append(EventTypes.GAME_ADDED, Map.of("game", "while-starting"));
            starting.module.start();
            StreamClient resumed = StreamClient.open(starting.wsUrl("since=" + (before - 1)));
            try {
                assertThat(resumed.ids(2, WAIT)).containsExactly(before, whileStarting);
                long after = server.append(EventTypes.GAME_ADDED, Map.of("game", "after-the-start"));
                assertThat(resumed.ids(1, WAIT)).containsExactly(after);
            } finally {
                resumed.shut();
            }
        }
    }

    @Test
    void withoutTrailingSlashTheSocketAnswersToo() {
        StreamClient client = StreamClient.open(server.wsUrl("").replace("/ws/questlog/", "/ws/questlog"));
        try {
            long id = server.append(EventTypes.GAME_ADDED, Map.of("game", "c"));
            assertThat(client.ids(1, WAIT)).containsExactly(id);
        } finally {
            client.shut();
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
