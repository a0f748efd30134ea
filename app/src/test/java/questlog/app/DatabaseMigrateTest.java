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

    /**
     * Every connection of a process carries the process's name: a large import tells a running
     * server's connections from its own by it (common.dataset.BulkLoad), and so does an operator.
     */
    @Test
    void connectionsAreNamedAfterTheirProcess() throws SQLException {
        try (Database database = Database.external(db.url(), 2, null);
             Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT current_setting('application_name')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("questlog (pid " + ProcessHandle.current().pid() + ")");
        }
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

    /**
     * A command migrates in the background while it reads its input: every connection it takes
     * meanwhile waits for the whole schema, so none sees a table half made.
     */
    @Test
    void aConnectionTakenWhileMigratingInTheBackgroundWaitsForTheSchema() throws SQLException {
        String empty = "questlog_background_migration_" + ProcessHandle.current().pid();
        execute("CREATE DATABASE " + empty);
        try (Database database = Database.external(db.url().withDatabase(empty), 2, null)) {
            database.migrateInBackground();
            var jdbi = database.jdbi(TestApp.JSON);
            // The last migration's views exist for the very first statement.
            long games = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game_ref").mapTo(Long.class).one());
            assertThat(games).isZero();
            assertThat(database.awaitMigrations()).isEqualTo(Database.classpathMigrations().orElseThrow().size());
            try (Connection c = database.dataSource().getConnection(); var query = c.createStatement();
                 var rows = query.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rows.next();
                assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(Database.classpathMigrations().orElseThrow().size());
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsTheWaitWithOneLine() {
        try (Database database = Database.external(questlog.testsupport.TestDatabase.unreachableUrl(), 2, null)) {
            database.migrateInBackground();
            assertThatThrownBy(database::awaitMigrations).isInstanceOf(StartupException.class)
                    .hasMessageContaining("Cannot reach the database");
            assertThatThrownBy(() -> database.dataSource().getConnection()).isInstanceOf(StartupException.class);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
