package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.testsupport.TestDatabase;

/** The outbox writer: events commit and roll back with the caller's transaction, in id order. */
class OutboxEventLogTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static EventLog events;

    record GameAdded(String game, String work, Integer originalReleaseYear) {}

    @BeforeAll
    static void setUp() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        events = new OutboxEventLog(TestJson.MAPPER);
    }

    static List<Event> all() {
        return jdbi.withExtension(EventDao.class, dao -> dao.page(0, Long.MAX_VALUE, new String[0], 10_000));
    }

    @Test
    void appendedEventCommitsWithTheTransactionAsSnakeCaseJson() {
        int before = all().size();
        jdbi.useTransaction(h -> events.append(h, EventTypes.GAME_ADDED, new GameAdded("chrono-trigger", "Chrono Trigger", 1995)));
        List<Event> after = all();
        assertThat(after).hasSize(before + 1);
        Event event = after.getLast();
        assertThat(event.type()).isEqualTo("questlog:game_added");
        assertThat(event.payload()).isEqualTo("{\"game\": \"chrono-trigger\", \"work\": \"Chrono Trigger\", \"original_release_year\": 1995}");
        assertThat(event.createdAt()).isNotNull();
        assertThat(Envelope.from(event, TestJson.MAPPER).timestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void appendAllWritesOneEventPerPayloadInListOrder() {
        int before = all().size();
        List<Map<String, Object>> payloads = List.of(Map.of("game", "a"), Map.of("game", "b"), Map.of("game", "c"));
        jdbi.useTransaction(h -> {
            events.appendAll(h, EventTypes.GAME_ADDED, payloads);
            events.appendAll(h, EventTypes.GAME_UPDATED, List.of());
        });
        List<Event> added = all().subList(before, before + 3);
        assertThat(all()).hasSize(before + 3);
        assertThat(added).extracting(Event::payload).containsExactly("{\"game\": \"a\"}", "{\"game\": \"b\"}", "{\"game\": \"c\"}");
        assertThat(added.get(2).id()).isEqualTo(added.get(0).id() + 2);
    }

    /** Payloads built by a statement: one event per row, in the statement's order, with its types. */
    @Test
    void appendSelectedWritesOneEventPerRowInTheStatementsOrder() {
        int before = all().size();
        jdbi.useTransaction(h -> events.appendSelected(h, Set.of(EventTypes.GAME_ADDED, EventTypes.GAME_UPDATED), """
                        SELECT CASE WHEN n % 2 = 0 THEN :added ELSE :updated END, jsonb_build_object('game', 'g-' || n, 'n', n)
                        FROM generate_series(1, :count) AS n ORDER BY n DESC""",
                Map.of("added", EventTypes.GAME_ADDED, "updated", EventTypes.GAME_UPDATED, "count", 500)));
        List<Event> added = all().subList(before, all().size());
        assertThat(added).hasSize(500);
        assertThat(added.getFirst().payload()).isEqualTo("{\"n\": 500, \"game\": \"g-500\"}");
        assertThat(added.getFirst().type()).isEqualTo(EventTypes.GAME_ADDED);
        assertThat(added.get(1).type()).isEqualTo(EventTypes.GAME_UPDATED);
        assertThat(added.getLast().payload()).isEqualTo("{\"n\": 1, \"game\": \"g-1\"}");
        for (int i = 1; i < added.size(); i++) {
            assertThat(added.get(i).id()).isEqualTo(added.get(i - 1).id() + 1);
        }
    }

    @Test
    void appendSelectedRefusesATypeItWasNotGivenAPayloadThatIsNotAnObjectAndNoTransaction() {
        int before = all().size();
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.appendSelected(h, Set.of(EventTypes.GAME_ADDED),
                "SELECT :type, jsonb_build_object('game', 'x')", Map.of("type", EventTypes.GAME_UPDATED))))
                .hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.appendSelected(h, Set.of(EventTypes.GAME_ADDED),
                "SELECT :type, to_jsonb(1)", Map.of("type", EventTypes.GAME_ADDED))))
                .hasMessageContaining("\"payload\"");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.appendSelected(h, Set.of("questlog:no_such_type"),
                "SELECT 'questlog:no_such_type', jsonb_build_object()", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jdbi.useHandle(h -> events.appendSelected(h, Set.of(EventTypes.GAME_ADDED),
                "SELECT :type, jsonb_build_object()", Map.of("type", EventTypes.GAME_ADDED))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(all()).hasSize(before);
    }

    /** Many events stream in with COPY: every payload exactly as rendered, in list order, escapes and all. */
    @Test
    void manyEventsKeepTheirPayloadsAndOrder() {
        int before = all().size();
        String awkward = "tab\there, line\nbreak, back\\slash, quote \", \u00e9t\u00e9 \u2603 \uD83C\uDFAE, \\N, \\.";
        List<Map<String, Object>> payloads = java.util.stream.IntStream.range(0, 3 * OutboxEventLog.COPY_FROM)
                .<Map<String, Object>>mapToObj(i -> Map.of("game", "g-" + i, "notes", awkward + i))
                .toList();
        jdbi.useTransaction(h -> events.appendAll(h, EventTypes.GAME_ADDED, payloads));
        List<Event> added = all().subList(before, all().size());
        assertThat(added).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(added.get(i).type()).isEqualTo(EventTypes.GAME_ADDED);
            assertThat(TestJson.MAPPER.convertValue(readTree(added.get(i).payload()), Map.class)).isEqualTo(payloads.get(i));
            assertThat(added.get(i).id()).isEqualTo(added.get(0).id() + i);
        }
    }

    @Test
    void aPayloadThatCannotBeWrittenCancelsTheCopyAndTheTransaction() {
        int before = all().size();
        List<Object> payloads = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * OutboxEventLog.COPY_FROM; i++) {
            payloads.add(i == OutboxEventLog.COPY_FROM + 1 ? List.of("not", "an", "object") : Map.of("game", "g-" + i));
        }
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.appendAll(h, EventTypes.GAME_ADDED, payloads)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThat(all()).hasSize(before);
        // The connection went back to the pool usable: the next write works.
        jdbi.useTransaction(h -> events.appendAll(h, EventTypes.GAME_ADDED, payloads.subList(0, OutboxEventLog.COPY_FROM)));
        assertThat(all()).hasSize(before + OutboxEventLog.COPY_FROM);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return TestJson.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rolledBackWriteLeavesNoEvent() {
        int before = all().size();
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            events.append(h, EventTypes.GAME_REMOVED, Map.of("game", "doomed"));
            throw new IllegalStateException("the write fails after its event was appended");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(all()).hasSize(before);
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> events.append(h, EventTypes.GAME_ADDED, Map.of("game", "x"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    @Test
    void unknownTypesAndNonObjectPayloadsAreProgrammingErrors() {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.append(h, "questlog:nonsense", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown event type");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> events.append(h, EventTypes.GAME_ADDED, List.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    }

    /**
     * A writer that has appended holds the ordering lock until it commits: a second writer that
     * started later waits, and its event gets the higher id, so ids follow commit order.
     */
    @Test
    void eventWritersCommitInIdOrder() throws Exception {
        assertALaterWriterWaitsForTheCommitOf(h -> events.append(h, EventTypes.SYNC_PROGRESS, Map.of("writer", "first")));
    }

    /** Many events (written with COPY) take the same ordering lock as one. */
    @Test
    void aWriterOfManyEventsHoldsTheOrderingLockToo() throws Exception {
        List<Map<String, Object>> batch = java.util.stream.IntStream.range(0, 2 * OutboxEventLog.COPY_FROM)
                .<Map<String, Object>>mapToObj(i -> Map.of("writer", "first", "n", i)).toList();
        assertALaterWriterWaitsForTheCommitOf(h -> events.appendAll(h, EventTypes.SYNC_PROGRESS, batch));
    }

    /** {@code firstWrites} appends in a transaction held open; a writer starting meanwhile waits and gets a higher id. */
    private static void assertALaterWriterWaitsForTheCommitOf(java.util.function.Consumer<org.jdbi.v3.core.Handle> firstWrites)
            throws Exception {
        // Own threads: the common pool has one worker on two cores, and other test classes' tasks may hold it.
        ExecutorService writers = Executors.newFixedThreadPool(2);
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> jdbi.inTransaction(h -> {
            firstWrites.accept(h);
            long last = h.createQuery("SELECT currval('event_id_seq')").mapTo(Long.class).one();
            firstAppended.countDown();
            try {
                releaseFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return last;
        }), writers);
        assertThat(firstAppended.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> jdbi.inTransaction(h -> {
            events.append(h, EventTypes.SYNC_PROGRESS, Map.of("writer", "second"));
            return h.createQuery("SELECT currval('event_id_seq')").mapTo(Long.class).one();
        }), writers);
        Thread.sleep(300);
        assertThat(second).as("the second writer waits for the first's commit").isNotDone();
        releaseFirst.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isGreaterThan(first.get(10, TimeUnit.SECONDS));
        writers.shutdown();
    }
}
