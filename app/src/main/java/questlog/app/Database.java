package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.DatabaseUrl;

/**
 * The PostgreSQL the app runs on: the server in DATABASE_URL, or an embedded one whose data
 * lives in {@code <data dir>/postgres} and survives restarts. Also owns the pool, Flyway and the
 * one {@link Jdbi}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private static final java.util.concurrent.Executor CHECKS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final EmbeddedPostgres embedded;
    private final DatabaseUrl url;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, DatabaseUrl url, int poolSize, MeterRegistry metrics) {
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
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        // Start even when the database is briefly away: readiness reports it, requests get 503s.
        config.setInitializationFailTimeout(-1);
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        this.pool = new HikariDataSource(config);
    }

    /** Opens the configured database: DATABASE_URL when set, else the embedded one. */
    public static Database open(AppConfig.DatabaseConfig config, MeterRegistry metrics) {
        if (config.url().isPresent()) {
            return external(config.url().get(), config.poolSize(), metrics);
        }
        return embedded(config.dataDir(), config.poolSize(), metrics);
    }

    public static Database external(DatabaseUrl url, int poolSize, MeterRegistry metrics) {
        return new Database(null, url, poolSize, metrics);
    }

    static Database embedded(Path dataDir, int poolSize, MeterRegistry metrics) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            log.info("Starting embedded PostgreSQL with data in {}", pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new Database(pg, new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), "postgres", null), poolSize, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + pgData
                    + " (is another questlog using this data directory? set QUESTLOG_DATA_DIR or DATABASE_URL): "
                    + e.getMessage(), e);
        }
    }

    /** Applies pending migrations from {@code db/migration}; returns how many ran. */
    public int migrate() {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    public Jdbi jdbi(ObjectMapper json) {
        Jdbi jdbi = Jdbi.create(pool)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(json);
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    public DatabaseUrl url() {
        return url;
    }

    public boolean isEmbedded() {
        return embedded != null;
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

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
