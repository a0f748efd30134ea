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
 * Foreign keys checked once, after a large import has loaded, instead of row by row while it
 * loads, as {@code pg_restore} does. Every row a key checks costs a lookup of the row it refers
 * to: a 20,000-game dataset (60,000 playthroughs, 60,000 genre links, 30,000 list entries) spent
 * about 2 s of PostgreSQL's time on them, where adding the keys back checks every row of a
 * table in one join (0.15 s for all of them).
 *
 * <p>Only the keys of tables that are empty when the import begins are dropped: while the import
 * inserts into them, no row of theirs can need a key's {@code ON DELETE} or {@code ON UPDATE}
 * action. {@link #restore} adds each key back with its exact definition, which checks every row
 * of its table: a reference the import got wrong fails the import, as it would have row by row.
 * Everything happens in the import's transaction, so a rollback (a dry run, a problem, a crash)
 * leaves the keys as they were.
 *
 * <p>The price: dropping a key takes both its tables for the rest of the transaction
 * ({@code ACCESS EXCLUSIVE}), so reads of them wait for the import to commit. Tables that are
 * empty have nothing to read yet, but the tables they refer to (games, platforms) may; when
 * another transaction is using one of them, the import waits at most {@link #LOCK_WAIT} and then
 * checks row by row instead, rather than stall every reader queued behind it.
 */
public final class DeferredForeignKeys {
    private static final Logger log = LoggerFactory.getLogger(DeferredForeignKeys.class);
    /** How long the import waits for the tables before it gives up deferring (PostgreSQL interval). */
    static final String LOCK_WAIT = "1s";
    private static final String SAVEPOINT = "deferred_foreign_keys";

    /** Nothing deferred: every key checks row by row. */
    public static final DeferredForeignKeys NONE = new DeferredForeignKeys(List.of());

    /** One foreign key: its table and name as SQL identifiers, and its definition as PostgreSQL prints it. */
    record Key(String table, String referenced, String name, String definition) {}

    private final List<Key> dropped;

    private DeferredForeignKeys(List<Key> dropped) {
        this.dropped = List.copyOf(dropped);
    }

    /**
     * Drops the foreign keys of the current schema's empty tables, in {@code tx} (a transaction);
     * answers {@link #NONE} when there are none, or when their tables could not be had within
     * {@link #LOCK_WAIT} or altered (another transaction using them, a user who does not own them).
     */
    public static DeferredForeignKeys dropKeysOfEmptyTables(Handle tx) {
        if (!tx.isInTransaction()) {
            throw new IllegalStateException("foreign keys are deferred inside the import's transaction");
        }
        List<Key> keys = tx.createQuery("""
                SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS referenced,
                       format('%I', c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
                ORDER BY 1, 3""")
                .map((rs, ctx) -> new Key(rs.getString("table"), rs.getString("referenced"), rs.getString("name"),
                        rs.getString("definition")))
                .list();
        List<Key> candidates = ofEmptyTables(tx, keys);
        if (candidates.isEmpty()) {
            return NONE;
        }
        Set<String> tables = new TreeSet<>();
        candidates.forEach(k -> {
            tables.add(k.table());
            tables.add(k.referenced());
        });
        String lockTimeout = tx.createQuery("SELECT current_setting('lock_timeout')").mapTo(String.class).one();
        tx.savepoint(SAVEPOINT);
        try {
            tx.createQuery("SELECT set_config('lock_timeout', :wait, true)").bind("wait", LOCK_WAIT).mapTo(String.class).one();
            tx.execute("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE");
            // Under the lock: a row committed between the first look and the lock keeps its table's keys.
            List<Key> drop = ofEmptyTables(tx, candidates);
            for (Key key : drop) {
                tx.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
            }
            tx.createQuery("SELECT set_config('lock_timeout', :wait, true)").bind("wait", lockTimeout).mapTo(String.class).one();
            tx.releaseSavepoint(SAVEPOINT);
            return new DeferredForeignKeys(drop);
        } catch (RuntimeException e) {
            // The savepoint undoes the drops, the locks taken since and the lock timeout.
            tx.rollbackToSavepoint(SAVEPOINT);
            log.info("Foreign keys are checked row by row: their tables could not be had ({})",
                    SqlStates.exception(e).map(Throwable::getMessage).orElse(e.toString()));
            return NONE;
        }
    }

    /** How many keys are dropped until {@link #restore}. */
    public int count() {
        return dropped.size();
    }

    /**
     * Adds every dropped key back, exactly as it was; each checks all rows of its table. Throws
     * (SQLSTATE 23503) when a row refers to nothing: the caller rolls back.
     */
    public void restore(Handle tx) {
        for (Key key : dropped) {
            tx.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
        }
    }

    /** The keys among {@code keys} whose table holds no row. */
    private static List<Key> ofEmptyTables(Handle tx, List<Key> keys) {
        Set<String> tables = new LinkedHashSet<>();
        keys.forEach(k -> tables.add(k.table()));
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

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
