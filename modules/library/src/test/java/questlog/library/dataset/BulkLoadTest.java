package questlog.library.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import questlog.common.SqlStates;
import questlog.common.dataset.BulkLoad;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.TestDatabase;

/**
 * The foreign keys and indexes a large import builds once, after loading: which are dropped, that
 * they come back exactly as they were, that a wrong reference still fails, and that tables
 * another transaction is using are left alone.
 */
class BulkLoadTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
    }

    @BeforeEach
    void emptyLibrary() {
        LibraryTestSupport.emptyCatalog(jdbi);
    }

    /** Every foreign key of the schema: "table name definition". */
    static List<String> foreignKeys(Handle h) {
        return h.createQuery("""
                SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                FROM pg_constraint c WHERE c.contype = 'f' ORDER BY 1""").mapTo(String.class).list();
    }

    /** Every index of the schema: its definition. */
    static List<String> indexes(Handle h) {
        return h.createQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")
                .mapTo(String.class).list();
    }

    static boolean hasIndex(Handle h, String name) {
        return h.createQuery("SELECT count(*) FROM pg_indexes WHERE indexname = :name").bind("name", name)
                .mapTo(Integer.class).one() == 1;
    }

    static boolean hasKey(Handle h, String name) {
        return h.createQuery("SELECT count(*) FROM pg_constraint WHERE conname = :name").bind("name", name)
                .mapTo(Integer.class).one() == 1;
    }

    @Test
    void theKeysAndIndexesOfEmptyTablesAreDroppedAndComeBackExactlyAsTheyWere() {
        jdbi.useTransaction(h -> {
            List<String> before = foreignKeys(h);
            List<String> indexesBefore = indexes(h);
            BulkLoad bulk = BulkLoad.prepare(h);
            // platform_alias holds the seeded aliases: its key stays.
            assertThat(bulk.foreignKeys()).isEqualTo(before.size() - 1);
            assertThat(foreignKeys(h)).singleElement().asString().startsWith("platform_alias ");
            assertThat(bulk.indexes()).isGreaterThanOrEqualTo(20);
            assertThat(indexes(h)).hasSize(indexesBefore.size() - bulk.indexes());
            // Secondary indexes go; unique ones and those of tables without keys (events, jobs) stay.
            assertThat(hasIndex(h, "game_search_vector_idx")).isFalse();
            assertThat(hasIndex(h, "playthrough_game_idx")).isFalse();
            assertThat(hasIndex(h, "game_slug_key")).isTrue();
            assertThat(hasIndex(h, "playthrough_source_ref_idx")).isTrue();
            assertThat(hasIndex(h, "event_type_idx")).isTrue();
            assertThat(h.createQuery("SELECT current_setting('lock_timeout')").mapTo(String.class).one()).isEqualTo("0");

            bulk.finish(h);
            assertThat(foreignKeys(h)).isEqualTo(before);
            assertThat(indexes(h)).isEqualTo(indexesBefore);
        });
    }

    @Test
    void aTableWithRowsKeepsItsKeys() {
        UUID game = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO game (id, slug, name) VALUES (?, 'okami', 'Okami')", game));
        jdbi.useTransaction(h -> {
            BulkLoad bulk = BulkLoad.prepare(h);
            assertThat(hasKey(h, "game_franchise_id_fkey")).isTrue();
            assertThat(hasIndex(h, "game_search_vector_idx")).isTrue();
            assertThat(hasKey(h, "edition_game_id_fkey")).isFalse();
            assertThat(hasIndex(h, "edition_game_idx")).isFalse();
            bulk.finish(h);
            assertThat(hasKey(h, "edition_game_id_fkey")).isTrue();
            assertThat(hasIndex(h, "edition_game_idx")).isTrue();
        });
    }

    @Test
    void aRowThatRefersToNothingFailsTheRestoreAndTheRollbackKeepsEveryKey() {
        List<String> before = jdbi.withHandle(BulkLoadTest::foreignKeys);
        List<String> indexesBefore = jdbi.withHandle(BulkLoadTest::indexes);
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            BulkLoad bulk = BulkLoad.prepare(h);
            h.execute("INSERT INTO edition (id, game_id, slug, name) VALUES (?, ?, 'orphan', 'Orphan')",
                    UUID.randomUUID(), UUID.randomUUID());
            bulk.finish(h);
        })).satisfies(e -> assertThat(SqlStates.of(e)).contains(SqlStates.FOREIGN_KEY_VIOLATION));
        jdbi.useHandle(h -> {
            assertThat(foreignKeys(h)).isEqualTo(before);
            assertThat(indexes(h)).isEqualTo(indexesBefore);
            assertThat(h.createQuery("SELECT count(*) FROM edition").mapTo(Integer.class).one()).isZero();
        });
    }

    /**
     * Another transaction reading games: the import waits about a second for the tables, then
     * keeps every key and index (row by row) and goes on in the same transaction, with the lock
     * timeout it had.
     */
    @Test
    void tablesInUseElsewhereKeepTheirKeys() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try {
            Future<Object> open = reader.submit(() -> {
                jdbi.useTransaction(h -> {
                    h.createQuery("SELECT count(*) FROM game").mapTo(Integer.class).one();
                    reading.countDown();
                    done.await(30, TimeUnit.SECONDS);
                });
                return null;
            });
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            jdbi.useTransaction(h -> {
                h.execute("SET LOCAL lock_timeout = '7s'");
                List<String> before = foreignKeys(h);
                List<String> indexesBefore = indexes(h);
                long started = System.nanoTime();
                BulkLoad bulk = BulkLoad.prepare(h);
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(bulk).isSameAs(BulkLoad.NONE);
                assertThat(waitedMs).isGreaterThanOrEqualTo(900).isLessThan(6_000);
                assertThat(foreignKeys(h)).isEqualTo(before);
                assertThat(indexes(h)).isEqualTo(indexesBefore);
                assertThat(h.createQuery("SELECT current_setting('lock_timeout')").mapTo(String.class).one()).isEqualTo("7s");
                // The transaction is usable, and a wrong reference fails at once, row by row.
                h.savepoint("probe");
                assertThatThrownBy(() -> h.execute("INSERT INTO edition (id, game_id, slug, name) "
                        + "VALUES (gen_random_uuid(), gen_random_uuid(), 'orphan', 'Orphan')"))
                        .satisfies(e -> assertThat(SqlStates.of(e)).contains(SqlStates.FOREIGN_KEY_VIOLATION));
                h.rollbackToSavepoint("probe");
            });
            done.countDown();
            open.get(10, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            reader.shutdownNow();
        }
    }

    /** A server (or psql) connected to the database: its reads would wait, so nothing is dropped, at once. */
    @Test
    void anotherProcessConnectedToTheDatabaseLeavesEveryKeyAndIndex() {
        try (Handle server = jdbi.open()) {
            String ours = server.createQuery("SELECT current_setting('application_name')").mapTo(String.class).one();
            server.execute("SET application_name = 'questlog (pid 1)'");
            try {
                jdbi.useTransaction(h -> {
                    List<String> before = foreignKeys(h);
                    List<String> indexesBefore = indexes(h);
                    long started = System.nanoTime();
                    assertThat(BulkLoad.prepare(h)).isSameAs(BulkLoad.NONE);
                    assertThat((System.nanoTime() - started) / 1_000_000).as("no waiting for locks").isLessThan(900);
                    assertThat(foreignKeys(h)).isEqualTo(before);
                    assertThat(indexes(h)).isEqualTo(indexesBefore);
                });
            } finally {
                // The connection goes back to the pool, as this process's again.
                server.createQuery("SELECT set_config('application_name', :name, false)").bind("name", ours)
                        .mapTo(String.class).one();
            }
        }
        // Once it has gone, the keys of the empty tables are dropped again (and the test rolls back).
        try (Handle h = jdbi.open()) {
            h.begin();
            assertThat(BulkLoad.prepare(h).foreignKeys()).isPositive();
            h.rollback();
        }
    }

    /**
     * Nobody else is connected to a bulk load's database to listen for the games and lists it
     * touched: its change notifications name whole tables, for its own transaction only.
     */
    @Test
    void aBulkLoadNotifiesWholeTables() throws Exception {
        try (Handle listener = jdbi.open()) {
            listener.execute("LISTEN questlog_changes");
            PGConnection notifications = listener.getConnection().unwrap(PGConnection.class);
            notifications.getNotifications(1);   // none of earlier tests
            try (Handle h = jdbi.open()) {
                h.begin();
                BulkLoad bulk = BulkLoad.prepare(h);
                assertThat(bulk.foreignKeys()).isPositive();
                h.execute("INSERT INTO game (id, slug, name) VALUES (gen_random_uuid(), 'okami', 'Okami')");
                bulk.finish(h);
                h.commit();
                assertThat(payloads(notifications, "game")).containsExactly("game");
                // On the same connection, after the commit: the setting went with the transaction.
                assertThat(h.createQuery("SELECT current_setting('questlog.changes_by_table', true)")
                        .mapTo(String.class).one()).as("not past the bulk load's transaction").isNotEqualTo("on");
                h.execute("INSERT INTO game (id, slug, name) VALUES (gen_random_uuid(), 'kena', 'Kena')");
            }
            assertThat(payloads(notifications, "game")).singleElement().asString().startsWith("game|").contains("g:kena");
        }
    }

    /** The payloads of the notifications of {@code table} that arrive within a few seconds. */
    static List<String> payloads(PGConnection connection, String table) throws SQLException {
        List<String> payloads = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (payloads.isEmpty() && System.nanoTime() < until) {
            PGNotification[] arrived = connection.getNotifications(200);
            for (PGNotification n : arrived == null ? new PGNotification[0] : arrived) {
                if (n.getParameter().equals(table) || n.getParameter().startsWith(table + "|")) {
                    payloads.add(n.getParameter());
                }
            }
        }
        return payloads;
    }

    /** A key added NOT VALID would not check the loaded rows when added back: it stays. */
    @Test
    void aKeyThatWasNeverValidatedStays() {
        try (Handle h = jdbi.open()) {
            h.begin();
            h.execute("ALTER TABLE list_entry DROP CONSTRAINT list_entry_game_id_fkey");
            h.execute("ALTER TABLE list_entry ADD CONSTRAINT list_entry_game_id_fkey FOREIGN KEY (game_id) "
                    + "REFERENCES game(id) ON DELETE CASCADE NOT VALID");
            BulkLoad.prepare(h);
            assertThat(hasKey(h, "list_entry_game_id_fkey")).isTrue();
            assertThat(hasKey(h, "list_entry_list_id_fkey")).isFalse();
            h.rollback();   // the schema as it was, for the other tests
        }
    }

    @Test
    void onlyInsideATransaction() {
        assertThatThrownBy(() -> jdbi.useHandle(BulkLoad::prepare))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }
}
