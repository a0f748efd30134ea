package questlog.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import questlog.common.DatabaseUrl;

/**
 * A fresh, migrated database for one test class:
 * <pre>{@code @RegisterExtension static final TestDatabase db = new TestDatabase();}</pre>
 * The server is the one in {@code TEST_DATABASE_URL} (CI points it at the local PostgreSQL), or
 * else an embedded PostgreSQL started once per JVM. Docker is never needed. The schema is
 * migrated once per JVM into a template database; each class then gets a copy
 * ({@code CREATE DATABASE ... TEMPLATE}), which takes milliseconds, so classes can run in parallel.
 * The database is dropped after the class.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final String ENV = "TEST_DATABASE_URL";
    private static Server server;

    private DatabaseUrl url;
    private HikariDataSource dataSource;
    private String name;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Creates the database; for use outside JUnit's lifecycle (benchmarks, main methods). */
    public synchronized TestDatabase start() {
        if (dataSource != null) {
            return this;
        }
        Server s = server();
        name = "questlog_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        s.execute("CREATE DATABASE " + name + " TEMPLATE " + s.template);
        url = s.admin.withDatabase(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        // Small and lazy: many test classes (and other test runs) share one server's connection limit.
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        config.setPoolName(name);
        dataSource = new HikariDataSource(config);
        return this;
    }

    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
            server().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public DataSource dataSource() {
        requireStarted();
        return dataSource;
    }

    /** Where this class's database lives, for code under test that opens its own connections. */
    public DatabaseUrl url() {
        requireStarted();
        return url;
    }

    /**
     * This database as one {@code DATABASE_URL} value, credentials included as JDBC parameters:
     * what a child process or an env file of the app under test is given.
     */
    public String databaseUrlSetting() {
        DatabaseUrl url = url();
        if (url.user() == null) {
            return url.jdbcUrl();
        }
        String sep = url.jdbcUrl().contains("?") ? "&" : "?";
        return url.jdbcUrl() + sep + "user=" + url.user() + (url.password() == null ? "" : "&password=" + url.password());
    }

    /** A URL for a database that cannot be reached, for readiness tests. */
    public static DatabaseUrl unreachableUrl() {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", null);
    }

    private void requireStarted() {
        if (dataSource == null) {
            throw new IllegalStateException("TestDatabase not started: register it with @RegisterExtension");
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = Server.open();
        }
        return server;
    }

    /** The PostgreSQL server shared by all test classes in this JVM, with its template database. */
    private static final class Server {
        final DatabaseUrl admin;
        final String template;

        private Server(DatabaseUrl admin) {
            this.admin = admin;
            this.template = "questlog_template_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("CREATE DATABASE " + template);
            migrate(admin.withDatabase(template));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + template)));
        }

        static Server open() {
            String configured = System.getenv(ENV);
            if (configured != null && !configured.isBlank()) {
                DatabaseUrl url;
                try {
                    url = DatabaseUrl.parse(configured);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(ENV + " " + e.getMessage());
                }
                try (Connection ignored = connect(url)) {
                    return new Server(url);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot reach the PostgreSQL server in " + ENV + " (" + url.jdbcUrl()
                            + "): " + e.getMessage() + ". Start it, or unset " + ENV + " to use an embedded PostgreSQL.", e);
                }
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the temp folder is all that may remain
                    }
                }));
                return new Server(new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), "postgres", null));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("No PostgreSQL for tests: set " + ENV
                        + " (for example postgres://postgres@127.0.0.1:5432/postgres), or let the embedded one start: "
                        + e.getMessage(), e);
            }
        }

        void execute(String sql) {
            try (Connection c = connect(admin); Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql.toLowerCase(Locale.ROOT) + " failed: " + e.getMessage(), e);
            }
        }

        private static void migrate(DatabaseUrl url) {
            Flyway.configure()
                    .dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }

        static Connection connect(DatabaseUrl url) throws SQLException {
            Properties props = new Properties();
            if (url.user() != null) {
                props.setProperty("user", url.user());
            }
            if (url.password() != null) {
                props.setProperty("password", url.password());
            }
            return DriverManager.getConnection(url.jdbcUrl(), props);
        }
    }
}
