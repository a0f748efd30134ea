package questlog.lists;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.JdbcReads;
import questlog.testsupport.TestDatabase;

/**
 * A read of several statements (a list's activity, an entry) sees one snapshot
 * ({@link JdbcReads#inSnapshot}): a game renamed by another transaction in between is not seen
 * half-way, and the connection goes back to the pool at its usual level.
 */
class SnapshotReadTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        jdbi = Jdbi.create(db.dataSource());
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) VALUES ('snap', 'Before')"));
    }

    @Test
    void statementsOfOneReadSeeOneSnapshot() throws Exception {
        String[] seen = JdbcReads.inSnapshot(jdbi, h -> {
            String level = h.createQuery("SHOW transaction_isolation").mapTo(String.class).one();
            String first = h.createQuery("SELECT name FROM game WHERE slug = 'snap'").mapTo(String.class).one();
            // Another connection renames the game and commits between the two reads (plain JDBC:
            // a JDBI handle opened inside this callback would be this very handle).
            try (var other = db.dataSource().getConnection(); var update = other.createStatement()) {
                update.executeUpdate("UPDATE game SET name = 'After' WHERE slug = 'snap'");
            }
            String second = h.createQuery("SELECT name FROM game WHERE slug = 'snap'").mapTo(String.class).one();
            return new String[] {level, first, second};
        });
        assertThat(seen).containsExactly("repeatable read", "Before", "Before");
        String after = jdbi.withHandle(h -> h.createQuery("SHOW transaction_isolation").mapTo(String.class).one());
        assertThat(after).as("the next transaction on a pooled connection").isEqualTo("read committed");
        jdbi.useHandle(h -> h.execute("UPDATE game SET name = 'Before' WHERE slug = 'snap'"));
    }
}
