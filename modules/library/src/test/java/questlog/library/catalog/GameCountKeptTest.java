package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.TestDatabase;

/**
 * The games list's unfiltered total comes from game_count_delta, which the game table's triggers
 * keep: it must equal {@code count(*)} after inserts and deletes of one or many rows, rolled-back
 * writes, compactions, a TRUNCATE, and writers racing each other.
 */
class GameCountKeptTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static final AtomicInteger SLUGS = new AtomicInteger();

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE game CASCADE"));
    }

    @Test
    void theKeptCountFollowsInsertsDeletesAndCompactions() {
        assertKept();
        Random random = new Random(7);
        for (int statement = 0; statement < 300; statement++) {
            int rows = 1 + random.nextInt(4);
            jdbi.useHandle(h -> {
                if (random.nextInt(3) == 0) {
                    h.execute("DELETE FROM game WHERE id IN (SELECT id FROM game ORDER BY random() LIMIT ?)", rows);
                } else {
                    insert(h, rows);
                }
            });
            assertKept();
        }
        // Compacted every 64 writing statements: the read sums a handful of rows, not 300.
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game_count_delta").mapTo(Long.class).one());
        assertThat(rows).isLessThan(64);
        jdbi.useHandle(h -> h.execute("DELETE FROM game WHERE slug LIKE 'count-%'"));
        assertKept();
        assertThat(count()).isZero();
    }

    @Test
    void aRolledBackWriteLeavesNoTraceAndATruncateStartsAgain() {
        jdbi.useHandle(h -> insert(h, 5));
        jdbi.useHandle(h -> {
            h.begin();
            insert(h, 3);
            h.execute("DELETE FROM game WHERE id IN (SELECT id FROM game LIMIT 2)");
            h.rollback();
        });
        assertKept();
        assertThat(count()).isEqualTo(5);
        jdbi.useHandle(h -> h.execute("TRUNCATE game CASCADE"));
        assertThat(count()).isZero();
        assertKept();
        jdbi.useHandle(h -> insert(h, 2));
        assertKept();
        jdbi.useHandle(h -> h.execute("SELECT game_count_rebuild()"));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void racingWritersNeverLoseAChange() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int seed = w;
                writers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 60; i++) {
                        jdbi.useHandle(h -> {
                            h.begin();
                            insert(h, 1 + random.nextInt(3));
                            if (random.nextBoolean()) {
                                h.execute("DELETE FROM game WHERE id IN (SELECT id FROM game ORDER BY random() LIMIT 1"
                                        + " FOR UPDATE SKIP LOCKED)");
                            }
                            if (random.nextInt(5) == 0) {
                                h.rollback();
                            } else {
                                h.commit();
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertKept();
        assertThat(count()).isPositive();
    }

    private static void insert(org.jdbi.v3.core.Handle h, int rows) {
        // One reservation per call: racing writers never share a slug.
        int last = SLUGS.addAndGet(rows);
        int first = last - rows + 1;
        if (rows == 1) {
            h.createUpdate("INSERT INTO game (name, slug) VALUES (:name, :slug)")
                    .bind("name", "Count " + first).bind("slug", "count-" + first).execute();
        } else {
            // Several rows in one statement, as an import writes them.
            h.execute("INSERT INTO game (name, slug) SELECT 'Count ' || n, 'count-' || n FROM generate_series(?, ?) n",
                    first, last);
        }
    }

    private static long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game").mapTo(Long.class).one());
    }

    private static void assertKept() {
        long kept = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(sum(n), 0) FROM game_count_delta")
                .mapTo(Long.class).one());
        assertThat(kept).as("game_count_delta's sum against count(*)").isEqualTo(count());
    }
}
