package questlog.common.dataset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>The price: dropping a key or an index takes its tables for the rest of the transaction
 * ({@code ACCESS EXCLUSIVE}), so reads of them wait for the import to commit. The empty tables have
 * nothing to read yet, but the tables their keys refer to (games, platforms) may; when another
 * transaction is using one of them, the import waits at most {@link #LOCK_WAIT} and then loads
 * row by row instead, rather than stall every reader queued behind it.
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
     * foreign keys, in {@code tx} (a transaction); answers {@link #NONE} when there are none, or
     * when their tables could not be had within {@link #LOCK_WAIT} or altered (another
     * transaction using them, a user who does not own them).
     */
    public static BulkLoad prepare(Handle tx) {
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("a bulk load happens inside the import's transaction");
        }
        List<Key> all = tx.createQuery("""
                SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS referenced,
                       format('%I', c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
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
        String lockTimeout = tx.createQuery("SELECT current_setting('lock_timeout')").mapTo(String.class).one();
        tx.savepoint(SAVEPOINT);
        try {
            tx.createQuery("SELECT set_config('lock_timeout', :wait, true)").bind("wait", LOCK_WAIT).mapTo(String.class).one();
            tx.execute("LOCK TABLE " + String.join(", ", locked) + " IN ACCESS EXCLUSIVE MODE");
            // Under the lock: a row committed between the first look and the lock keeps its table as it is.
            List<Key> keys = ofEmptyTables(tx, candidates);
            List<Index> indexes = secondaryIndexes(tx, tablesOf(keys));
            for (Key key : keys) {
                tx.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
            }
            for (Index index : indexes) {
                tx.execute("DROP INDEX " + index.name());
            }
            tx.createQuery("SELECT set_config('lock_timeout', :wait, true)").bind("wait", lockTimeout).mapTo(String.class).one();
            tx.releaseSavepoint(SAVEPOINT);
            return new BulkLoad(keys, indexes);
        } catch (RuntimeException e) {
            // The savepoint undoes the drops, the locks taken since and the lock timeout.
            tx.rollbackToSavepoint(SAVEPOINT);
            log.info("The import loads row by row: its tables could not be had ({})",
                    SqlStates.exception(e).map(Throwable::getMessage).orElse(e.toString()));
            return NONE;
        }
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
            tx.execute(index.create());
        }
        for (Key key : keys) {
            tx.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
        }
    }

    /** The keys among {@code keys} whose table holds no row. */
    private static List<Key> ofEmptyTables(Handle tx, List<Key> keys) {
        Set<String> tables = tablesOf(keys);
        if (tables.isEmpty()) {
            return List.of();
        }
        List<String> probes = new ArrayList<>();
        for (String table : tables) {
            // Names from the catalog, quoted by regclass: never input.
            probes.add("SELECT " + quote(table) + " WHERE NOT EXISTS (SELECT 1 FROM " + table + ")");
        }
        Set<String> empty = new LinkedHashSet<>(tx.createQuery(String.join(" UNION ALL ", probes)).mapTo(String.class).list());
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

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
