package questlog.common.dataset;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.JdbcReads;
import questlog.common.SqlStates;

/**
 * A large import into empty tables in {@code pg_restore}'s order: the rows first, then the
 * tables' secondary indexes and foreign keys, each built or checked once over all rows instead of
 * row by row. For every row, a foreign key looks up the row it refers to and each index takes
 * one more entry: the 20,000-game dataset spent about 2 s of PostgreSQL's time on 180,000 such
 * lookups and 0.5 s on the game table's seven secondary indexes alone. Adding a key back checks
 * its table in one join (0.15 s for all of them); building the game table's indexes takes 0.15 s.
 *
 * <p>Only tables that are empty when the import begins and have foreign keys are touched: while
 * the import inserts into them, no row of theirs can need a key's {@code ON DELETE} or
 * {@code ON UPDATE} action. Unique indexes stay (the import's {@code ON CONFLICT} and lookups use
 * them, and they are what foreign keys refer to). {@link #finish} builds every index and adds
 * every key back with its exact definition; a key checks every row of its table, so a reference
 * the import got wrong fails the import, as it would have row by row. Everything happens in the
 * import's transaction: a rollback (a dry run, a problem, a crash) leaves the schema as it was.
 *
 * <p>Dropping a key or an index takes its tables for the rest of the transaction
 * ({@code ACCESS EXCLUSIVE}): reads of them, and of the tables the keys refer to (games,
 * platforms, lists ...), would wait for the import to commit, each holding a connection of its
 * server's pool meanwhile. So a bulk load happens only when no other process is connected to the
 * database (a first import or a restore before the server starts, as {@code pg_restore}); with a
 * server running, or from a server's own {@code POST /api/import}, the import loads row by row.
 * A client that connects anyway and holds one of the tables makes the import wait at most
 * {@link #LOCK_WAIT} per table and then load row by row. For the same reason, a bulk load's
 * change notifications name whole tables, not the games and lists its rows touched.
 */
public final class BulkLoad {
    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);
    /** How long the import waits for the tables before it loads row by row (a PostgreSQL interval). */
    static final String LOCK_WAIT = "1s";
    private static final String SAVEPOINT = "bulk_load";

    /** Nothing deferred: every key checks and every index grows row by row. */
    public static final BulkLoad NONE = new BulkLoad(List.of(), List.of());

    /** One foreign key: its table and name as SQL identifiers, and its definition as PostgreSQL prints it. */
    record Key(String table, String referenced, String name, String definition) {}

    /** One secondary index: its name as an SQL identifier and the statement that creates it. */
    record Index(String name, String create) {}

    private final List<Key> keys;
    private final List<Index> indexes;

    private BulkLoad(List<Key> keys, List<Index> indexes) {
        this.keys = List.copyOf(keys);
        this.indexes = List.copyOf(indexes);
    }

    /**
     * Drops the foreign keys and secondary indexes of the current schema's empty tables that have
     * foreign keys, in {@code tx} (a transaction); answers {@link #NONE} when another process is
     * connected to the database, when there is nothing to drop, or when the tables could not be
     * had within {@link #LOCK_WAIT} each or altered (a client using them, a user who does not own
     * them).
     */
    public static BulkLoad prepare(Handle tx) {
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("a bulk load happens inside the import's transaction");
        }
        String lockTimeout = tx.createQuery("SELECT current_setting('lock_timeout')").mapTo(String.class).one();
        tx.savepoint(SAVEPOINT);
        try {
            setLockTimeout(tx, LOCK_WAIT);
            BulkLoad bulk = othersConnected(tx) ? NONE : dropKeysAndIndexes(tx);
            if (bulk == NONE) {
                tx.rollbackToSavepoint(SAVEPOINT);   // lets go of any table it locked, and of the timeout
            } else {
                setLockTimeout(tx, lockTimeout);
                changesByTable(tx);
                tx.releaseSavepoint(SAVEPOINT);
            }
            return bulk;
        } catch (RuntimeException e) {
            // The savepoint undoes the drops, the locks taken since and the lock timeout.
            tx.rollbackToSavepoint(SAVEPOINT);
            log.info("The import loads row by row: its tables could not be had ({})",
                    SqlStates.exception(e).map(Throwable::getMessage).orElse(e.toString()));
            return NONE;
        }
    }

    /** Sets the transaction's lock timeout (undone with the savepoint). */
    private static void setLockTimeout(Handle tx, String timeout) {
        tx.createQuery("SELECT set_config('lock_timeout', :timeout, true)").bind("timeout", timeout).mapTo(String.class).one();
    }

    /**
     * Asks the change feed to name whole tables for the rest of the transaction, without working
     * out the keys of every statement's rows (the questlog_notify_change migration of 2026-12-07):
     * nobody else is connected to listen for keys, and a bulk load's statements touch too many
     * rows for keys anyway.
     */
    private static void changesByTable(Handle tx) {
        tx.createQuery("SELECT set_config('questlog.changes_by_table', 'on', true)").mapTo(String.class).one();
    }

    /**
     * Whether a client of another process is connected to this database (a running server, psql):
     * its reads would wait for the import. This process's connections share its application name.
     */
    private static boolean othersConnected(Handle tx) {
        return tx.createQuery("""
                SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                               WHERE datname = current_database() AND backend_type = 'client backend'
                                 AND pid <> pg_backend_pid()
                                 AND application_name IS DISTINCT FROM current_setting('application_name'))""")
                .mapTo(Boolean.class).one();
    }

    private static BulkLoad dropKeysAndIndexes(Handle tx) {
        // Keys that were added NOT VALID stay: adding them back would not check the loaded rows.
        List<Key> all = tx.createQuery("""
                SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS referenced,
                       format('%I', c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE c.contype = 'f' AND c.convalidated AND n.nspname = current_schema()
                ORDER BY 1, 3""")
                .map((rs, ctx) -> new Key(rs.getString("table"), rs.getString("referenced"), rs.getString("name"),
                        rs.getString("definition")))
                .list();
        List<Key> candidates = ofEmptyTables(tx, all);
        if (candidates.isEmpty()) {
            return NONE;
        }
        Set<String> locked = new TreeSet<>();
        candidates.forEach(k -> {
            locked.add(k.table());
            locked.add(k.referenced());
        });
        ddl(tx, "LOCK TABLE " + String.join(", ", locked) + " IN ACCESS EXCLUSIVE MODE");
        // Under the lock: a row committed between the first look and the lock keeps its table as it is.
        List<Key> keys = ofEmptyTables(tx, candidates);
        if (keys.isEmpty()) {
            return NONE;
        }
        List<Index> indexes = secondaryIndexes(tx, tablesOf(keys));
        for (Key key : keys) {
            ddl(tx, "ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
        }
        for (Index index : indexes) {
            ddl(tx, "DROP INDEX " + index.name());
        }
        return new BulkLoad(keys, indexes);
    }

    /** How many foreign keys are dropped until {@link #finish}. */
    public int foreignKeys() {
        return keys.size();
    }

    /** How many indexes are dropped until {@link #finish}. */
    public int indexes() {
        return indexes.size();
    }

    /**
     * Builds every dropped index and adds every dropped key back, exactly as they were; each key
     * checks all rows of its table. Throws (SQLSTATE 23503) when a row refers to nothing: the
     * caller rolls back.
     */
    public void finish(Handle tx) {
        for (Index index : indexes) {
            ddl(tx, index.create());
        }
        for (Key key : keys) {
            ddl(tx, "ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
        }
    }

    /** Runs a statement built from the catalog's own text, as it is: no parameters parsed out of it (a jsonb {@code ?}). */
    private static void ddl(Handle tx, String sql) {
        try (Statement statement = tx.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("A statement of the bulk load failed: " + e.getMessage(), e);
        }
    }

    /** The keys among {@code keys} whose table holds no row. */
    private static List<Key> ofEmptyTables(Handle tx, List<Key> keys) {
        List<String> tables = List.copyOf(tablesOf(keys));
        if (tables.isEmpty()) {
            return List.of();
        }
        // One statement answers the positions of the empty ones; the names come from the catalog,
        // quoted by regclass, never from input.
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            probes.add("SELECT " + i + " WHERE NOT EXISTS (SELECT 1 FROM " + tables.get(i) + ")");
        }
        Set<String> empty = new HashSet<>();
        JdbcReads.list(tx, String.join(" UNION ALL ", probes), rs -> rs.getInt(1)).forEach(i -> empty.add(tables.get(i)));
        return keys.stream().filter(k -> empty.contains(k.table())).toList();
    }

    /** The indexes of {@code tables} that are neither unique nor a constraint's. */
    private static List<Index> secondaryIndexes(Handle tx, Set<String> tables) {
        if (tables.isEmpty()) {
            return List.of();
        }
        return tx.createQuery("""
                SELECT i.oid::regclass::text AS name, pg_get_indexdef(i.oid) AS "create"
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid::regclass::text = ANY(:tables) AND NOT x.indisunique AND x.indisvalid
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
                ORDER BY 1""")
                .bindArray("tables", String.class, tables)
                .map((rs, ctx) -> new Index(rs.getString("name"), rs.getString("create")))
                .list();
    }

    private static Set<String> tablesOf(List<Key> keys) {
        Set<String> tables = new TreeSet<>();
        keys.forEach(k -> tables.add(k.table()));
        return tables;
    }
}
