package questlog.common;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Plain JDBC for the hot read paths (a page of games, a game's detail, a list's detail), on the
 * connection of the caller's JDBI {@link Handle}, so in its transaction. JDBI's per-statement
 * work (configuration copies, SqlObject attachment, mapper lookup for every column of every
 * result) cost about as much CPU as everything else in those requests together; here a
 * statement is prepared, bound by position and read by a hand-written row reader.
 * <p>
 * Each value is read the way JDBI's mappers read it (timestamps through
 * {@link ResultSet#getTimestamp}, dates through {@code getObject(LocalDate)}, arrays into
 * lists), so that a response is the same, byte for byte. Keep the SQL text of a shape constant:
 * the driver prepares a statement on the server once it has seen the same text a few times on
 * a connection.
 */
public final class JdbcReads {
    private JdbcReads() {}

    /** Builds one value from the current row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Reads the result sets of one statement (several, for a statement of several queries). */
    @FunctionalInterface
    public interface Results<T> {
        T read(PreparedStatement statement) throws SQLException;
    }

    /** A statement that failed: the driver's exception is the cause, for the SQLSTATE. */
    public static final class Failed extends RuntimeException {
        Failed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * SQL with {@code :name} parameters turned into positional ones, for statements put together
     * from fragments (filters, orders): {@link #params} lines the values up in the order the
     * names occur, a name as often as it occurs.
     */
    public record Named(String sql, List<String> names) {
        public Object[] params(Map<String, ?> values) {
            Object[] params = new Object[names.size()];
            for (int i = 0; i < params.length; i++) {
                if (!values.containsKey(names.get(i))) {
                    throw new IllegalArgumentException("no value for :" + names.get(i));
                }
                params[i] = values.get(names.get(i));
            }
            return params;
        }
    }

    /**
     * Parsed once per text; only for SQL built from whitelisted fragments, so the texts are few.
     * Names inside string literals and {@code --} comments are left as they are.
     */
    private static final Map<String, Named> NAMED = new ConcurrentHashMap<>();

    public static Named named(String sql) {
        return NAMED.computeIfAbsent(sql, JdbcReads::parse);
    }

    private static Named parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!quoted && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                // A line comment is prose: its quotes and colons are neither literals nor parameters.
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(sql, i, end);
                i = end - 1;
                continue;
            }
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean parameter = !quoted && c == ':' && i + 1 < sql.length()
                    && Character.isLetter(sql.charAt(i + 1)) && (i == 0 || sql.charAt(i - 1) != ':');
            if (!parameter) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            names.add(sql.substring(i + 1, end));
            out.append('?');
            i = end - 1;
        }
        return new Named(out.toString(), List.copyOf(names));
    }

    /** The handle's connection, in the handle's transaction. */
    public static Connection connection(Handle handle) {
        return handle.getConnection();
    }

    /** An SQL array of {@code values} (e.g. type "uuid" or "text") to bind as one parameter. */
    public static java.sql.Array array(Handle handle, String type, java.util.Collection<?> values) {
        try {
            return connection(handle).createArrayOf(type, values.toArray());
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    /** Every row of {@code sql} with {@code params} bound in order. */
    public static <T> List<T> list(Handle handle, String sql, Row<T> row, Object... params) {
        return run(handle, sql, params, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                return rows(rs, row);
            }
        });
    }

    /**
     * Runs {@code work} in a REPEATABLE READ transaction, so that its statements read one snapshot.
     * The level is set inside the transaction by one statement; JDBI's
     * {@code inTransaction(level, ...)} reads the session's level, sets it, and sets it back
     * afterwards, which is four round trips to the database on every request.
     */
    public static <T, X extends Exception> T inSnapshot(Jdbi jdbi, HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            return work.withHandle(h);
        });
    }

    /** Prepares {@code sql}, binds {@code params} in order and lets {@code results} read what it answers. */
    public static <T> T run(Handle handle, String sql, Object[] params, Results<T> results) {
        try (PreparedStatement statement = connection(handle).prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return results.read(statement);
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    /** The rest of a result set's rows. */
    public static <T> List<T> rows(ResultSet rs, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
            out.add(row.read(rs));
        }
        return out;
    }

    public static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Long bigint(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A text[] column as a list (null stays null). */
    public static List<String> strings(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
        } finally {
            array.free();
        }
    }

    /** A uuid[] column as an array (an empty array for null). */
    public static UUID[] uuids(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return new UUID[0];
        }
        try {
            return (UUID[]) array.getArray();
        } finally {
            array.free();
        }
    }

    /** A text[] column as an array (an empty array for null). */
    public static String[] texts(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return new String[0];
        }
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }
}
