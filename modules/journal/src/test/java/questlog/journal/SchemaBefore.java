package questlog.journal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;

/** A test database's schema as it was just before one migration, to test that migration on old data. */
final class SchemaBefore {
    private SchemaBefore() {}

    /** Empties the database and applies every migration older than {@code version}. */
    static void migration(DataSource dataSource, String version) {
        Jdbi.create(dataSource).useHandle(h -> h.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        String previous = null;
        for (MigrationInfo migration : flyway.load().info().all()) {
            if (migration.getVersion().compareTo(MigrationVersion.fromVersion(version)) >= 0) {
                break;
            }
            previous = migration.getVersion().getVersion();
        }
        flyway.target(previous).load().migrate();
    }

    /** Applies every migration left. */
    static void migrateTheRest(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
