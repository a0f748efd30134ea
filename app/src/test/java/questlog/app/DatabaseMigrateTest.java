package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * {@link Database#migrate} on a database whose schema history is complete: nothing to apply and
 * Flyway not started; any other history still goes through Flyway.
 */
class DatabaseMigrateTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void theMigrationsListedFromTheClassPathAreTheVersionsFlywayResolves() {
        Flyway flyway = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load();
        Set<String> resolved = Arrays.stream(flyway.info().all())
                .map(migration -> migration.getVersion().getVersion()).collect(Collectors.toSet());

        assertThat(resolved).hasSizeGreaterThan(10);
        assertThat(Database.classpathMigrations()).contains(resolved);
    }

    @Test
    void aCompleteHistoryAppliesNothing() {
        try (Database database = Database.external(db.url(), 2, null)) {
            assertThat(database.migrate()).isZero();
        }
    }

    @Test
    void aFailedMigrationInTheHistoryIsLeftToFlywayWhichRefusesToGoOn() throws SQLException {
        execute("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                   installed_by, execution_time, success)
                SELECT max(installed_rank) + 1, '1', 'broken', 'SQL', 'V1__broken.sql', 0, 'test', 0, false
                FROM flyway_schema_history""");
        try (Database database = Database.external(db.url(), 2, null)) {
            assertThatThrownBy(database::migrate).isInstanceOf(FlywayException.class).hasMessageContaining("failed");
        } finally {
            execute("DELETE FROM flyway_schema_history WHERE version = '1'");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
