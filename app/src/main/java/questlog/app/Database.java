package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.JarURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatabaseUrl;

/**
 * The PostgreSQL the app runs on: the server in DATABASE_URL, or the embedded one whose data
 * lives in {@code <data dir>/postgres} and survives restarts. Also owns the pool, Flyway and the
 * one {@link Jdbi}.
 *
 * <p>The embedded PostgreSQL belongs to one process at a time (see {@link DataDirectory}): the
 * server's, which commands run meanwhile use too; with no server running, a command starts its
 * own for as long as it runs.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private static final java.util.concurrent.Executor CHECKS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** Who opens the database; it matters for the embedded one only. */
    public enum Role {
        /**
         * {@code serve}: runs the data directory's embedded PostgreSQL and lets the commands run
         * meanwhile use it; a data directory another questlog uses is refused at once.
         */
        SERVER,
        /**
         * A command: uses the embedded PostgreSQL of the server running on the data directory, and
         * starts its own (for as long as it runs) only when none runs.
         */
        COMMAND
    }

    private final EmbeddedPostgresServer ownServer;
    private final DataDirectory.Claim claim;
    private final boolean embedded;
    private final DatabaseUrl url;
    private final HikariDataSource pool;
    /** What {@link #jdbi} and {@link #dataSource} hand out while migrations run in the background: the pool, waiting for them. */
    private final DataSource migratedPool;
    /** The migrations {@link #migrateInBackground} started; done from the start when there are none. */
    private volatile CompletableFuture<Integer> migration = CompletableFuture.completedFuture(0);
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(EmbeddedPostgresServer ownServer, DataDirectory.Claim claim, boolean embedded, DatabaseUrl url,
                     int poolSize, MeterRegistry metrics) {
        this.ownServer = ownServer;
        this.claim = claim;
        this.embedded = embedded;
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("questlog");
        // One name per process in pg_stat_activity: an operator tells a server from a command, and
        // a dataset import tells other processes' connections from its own (BulkLoad).
        config.addDataSourceProperty("ApplicationName", "questlog (pid " + ProcessHandle.current().pid() + ")");
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        // Start even when the database is briefly away: readiness reports it, requests get 503s.
        config.setInitializationFailTimeout(-1);
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        this.pool = new HikariDataSource(config);
        this.migratedPool = new MigratedDataSource();
    }

    /** Opens the configured database: DATABASE_URL when set, else the embedded one as {@code role} uses it. */
    public static Database open(AppConfig.DatabaseConfig config, Role role, MeterRegistry metrics) {
        if (config.url().isPresent()) {
            return external(config.url().get(), config.poolSize(), metrics);
        }
        return embedded(config.dataDir(), role, config.poolSize(), metrics);
    }

    public static Database external(DatabaseUrl url, int poolSize, MeterRegistry metrics) {
        return new Database(null, null, false, url, poolSize, metrics);
    }

    static Database embedded(Path dataDir, Role role, int poolSize, MeterRegistry metrics) {
        DataDirectory directory = DataDirectory.open(dataDir);
        long deadline = System.nanoTime() + EmbeddedPostgresServer.WAIT.toNanos();
        boolean toldWaiting = false;
        while (true) {
            var claim = directory.tryClaim(role == Role.SERVER ? "serve" : "command");
            if (claim.isPresent()) {
                return startEmbedded(directory, claim.get(), role, poolSize, metrics);
            }
            var holder = directory.holder();
            String who = holder.map(DataDirectory.Holder::describe).orElse("another questlog");
            if (role == Role.SERVER) {
                throw new StartupException("The data directory " + dataDir + " is in use by " + who + ": "
                        + (holder.map(DataDirectory.Holder::isServer).orElse(true) ? "stop it first" : "let it finish first")
                        + ", or give this server another QUESTLOG_DATA_DIR (or a DATABASE_URL)");
            }
            var server = directory.published().filter(Database::answers);
            if (server.isPresent()) {
                log.info("Using the embedded PostgreSQL of the questlog server running on {} (pid {})", dataDir,
                        server.get().pid());
                return new Database(null, null, true, localUrl(server.get().port()), poolSize, metrics);
            }
            // A server that is starting or stopping, or another command: wait for its database or its end.
            if (System.nanoTime() > deadline) {
                throw new StartupException("The data directory " + dataDir + " is still in use by " + who + " after "
                        + EmbeddedPostgresServer.WAIT.toSeconds() + " s; try again when it has finished");
            }
            if (!toldWaiting) {
                log.info("Waiting for {}, which uses the data directory {}", who, dataDir);
                toldWaiting = true;
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static Database startEmbedded(DataDirectory directory, DataDirectory.Claim claim, Role role, int poolSize,
                                          MeterRegistry metrics) {
        EmbeddedPostgresServer server = null;
        try {
            claim.removeServerFile(); // a killed server's: nobody else holds the directory
            log.info("Starting embedded PostgreSQL with data in {}", directory.postgresData());
            // A server stops its PostgreSQL itself, after its last request; a command's stops with the JVM.
            server = EmbeddedPostgresServer.start(directory.postgresData(), role == Role.COMMAND);
            if (role == Role.SERVER) {
                claim.publish(server.port());
            }
            return new Database(server, claim, true, localUrl(server.port()), poolSize, metrics);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            claim.close();
            throw e;
        }
    }

    private static DatabaseUrl localUrl(int port) {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
    }

    /** Whether a published server database is there: its process lives and its port takes connections. */
    private static boolean answers(DataDirectory.Published server) {
        if (ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while waiting for the data directory");
        }
    }

    /**
     * Applies pending migrations from {@code db/migration}; returns how many ran. When the schema
     * history already holds exactly the migrations on the classpath, all successful, there is
     * nothing to apply and Flyway is not started: one query instead of Flyway's scan, validation
     * and locking (about a tenth of a server's start). Their checksums are then not compared; any other
     * state (a new migration, a failed one, one unknown here, no history yet) goes through Flyway.
     */
    public int migrate() {
        if (appliedAreOnClasspath()) {
            return 0;
        }
        try {
            return Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw unreachable(e).orElseThrow(() -> e);
        }
    }

    /**
     * Starts {@link #migrate} on a thread of its own, for a command whose first part needs no
     * database (an import reads and checks its whole document first, so that on a new database
     * the migrations run beside the reading). Every connection {@link #jdbi} and
     * {@link #dataSource} hand out waits for them, so nothing runs on a schema being migrated.
     */
    public void migrateInBackground() {
        migration = CompletableFuture.supplyAsync(this::migrate,
                task -> Thread.ofPlatform().name("questlog-migrate").daemon().start(task));
    }

    /** Waits for {@link #migrateInBackground}'s migrations; rethrows their failure (a {@link StartupException} for an unreachable database). */
    public int awaitMigrations() {
        try {
            return migration.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** The pool, each connection handed out once {@link #awaitMigrations} returns. */
    private final class MigratedDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            awaitMigrations();
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            awaitMigrations();
            return pool.getConnection(username, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getLogger(Database.class.getName());
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || pool.isWrapperFor(type);
        }
    }

    private static final String MIGRATIONS = "db/migration";

    /** True when the schema history holds, all successful, exactly the versions of {@link #classpathMigrations}. */
    private boolean appliedAreOnClasspath() {
        Optional<Set<String>> onClasspath = classpathMigrations();
        if (onClasspath.isEmpty()) {
            return false;
        }
        Set<String> applied = new HashSet<>();
        try (Connection c = pool.getConnection();
             var query = c.createStatement();
             ResultSet rows = query.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
        } catch (SQLException e) {
            return false; // no history yet, or no database: Flyway tells which
        }
        return applied.equals(onClasspath.get());
    }

    /**
     * The versions of the versioned migrations ({@code V<version>__<description>.sql}) in every
     * {@code db/migration} of the class path, a directory or a jar, as Flyway records them
     * ({@code _} read as {@code .}); empty when they cannot be listed or a repeatable migration
     * ({@code R__}) is among them, since those are applied again whenever they change.
     */
    static Optional<Set<String>> classpathMigrations() {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> locations = Database.class.getClassLoader().getResources(MIGRATIONS);
            while (locations.hasMoreElements()) {
                URL location = locations.nextElement();
                List<String> names = new ArrayList<>();
                switch (location.getProtocol()) {
                    case "file" -> {
                        try (var files = Files.list(Path.of(location.toURI()))) {
                            files.forEach(f -> names.add(f.getFileName().toString()));
                        }
                    }
                    case "jar" -> {
                        var jar = ((JarURLConnection) location.openConnection()).getJarFile();
                        jar.stream().map(JarEntry::getName)
                                .filter(n -> n.startsWith(MIGRATIONS + "/") && n.length() > MIGRATIONS.length() + 1)
                                .forEach(n -> names.add(n.substring(MIGRATIONS.length() + 1)));
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
                for (String name : names) {
                    if (name.startsWith("R__")) {
                        return Optional.empty();
                    }
                    int end = name.indexOf("__");
                    if (name.startsWith("V") && end > 1 && name.endsWith(".sql")) {
                        versions.add(name.substring(1, end).replace('_', '.'));
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
    }

    /**
     * A failure to connect (network, credentials, missing database: SQLSTATE classes 08, 28, 3D)
     * as one line naming the database; empty for other failures.
     */
    private Optional<StartupException> unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                        || sql.getSQLState().startsWith("3D"))) {
                String where = embedded ? "the embedded PostgreSQL (" + url.jdbcUrl() + ")"
                        : url.jdbcUrl().replaceAll("password=[^&]*", "password=***");
                String cause = t.getCause() instanceof SQLException deeper ? deeper.getMessage() : sql.getMessage();
                return Optional.of(new StartupException("Cannot reach the database " + where + ": " + cause
                        + (embedded ? "" : " (check DATABASE_URL, or unset it to use the embedded PostgreSQL)")));
            }
        }
        return Optional.empty();
    }

    public Jdbi jdbi(ObjectMapper json) {
        Jdbi jdbi = Jdbi.create(connections())
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(json);
        return jdbi;
    }

    public DataSource dataSource() {
        return connections();
    }

    /** The pool itself once the schema is migrated (a server's requests pay nothing), else the waiting one. */
    private DataSource connections() {
        return migration.isDone() && !migration.isCompletedExceptionally() ? pool : migratedPool;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** True on the embedded PostgreSQL, whether this process runs it or uses a running server's. */
    public boolean isEmbedded() {
        return embedded;
    }

    /** True when a connection answers a trivial query within the timeout (never waits longer). */
    public boolean isReachable(Duration timeout) {
        // A virtual thread per check: a check stuck on a dead database must not hold up the next one.
        var check = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Connection c = pool.getConnection()) {
                return c.isValid((int) Math.max(1, timeout.toSeconds()));
            } catch (SQLException e) {
                return false;
            }
        }, CHECKS);
        try {
            return check.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Closes the pool; stops the embedded PostgreSQL this process runs, telling commands first
     * (they start their own from then on), and releases the data directory once it has stopped.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (claim != null) {
            claim.unpublish();
        }
        // Migrations still running finish first (each is its own transaction; none is cut short).
        migration.exceptionally(failure -> 0).join();
        pool.close();
        if (ownServer != null) {
            ownServer.close();
        }
        if (claim != null) {
            claim.close();
        }
    }
}
