package questlog.common.dataset;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with PostgreSQL's {@code COPY ... FROM STDIN} (text format), the
 * fastest way to load many rows: dataset sections stage their records with it, then move them
 * with set-based statements. Values are escaped here; rows are sent in chunks of about 64 KB, so
 * memory stays flat whatever the row count, and PostgreSQL stores a chunk while the next one is
 * written (with 1 MB chunks, the 5,000 events of an import's chunk went in two sends, the
 * database idle while most of them were rendered).
 * <pre>{@code
 * try (var copy = DatasetCopy.into(handle, "import_genre", "id, slug, name")) {
 *     copy.uuid(id).text(slug).text(name).endRow();
 * }}</pre>
 */
public final class DatasetCopy implements AutoCloseable {
    private static final int CHUNK_CHARS = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK_CHARS + 4096);
    private boolean rowStarted;
    private boolean finished;

    private DatasetCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts a COPY; {@code table} and {@code columns} are constants of the caller, never input. */
    public static DatasetCopy into(Handle handle, String table, String columns) {
        try {
            PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
            return new DatasetCopy(pg.getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " could not start: " + e.getMessage(), e);
        }
    }

    public DatasetCopy uuid(UUID value) {
        return raw(value == null ? null : value.toString());
    }

    public DatasetCopy text(String value) {
        separator();
        if (value == null) {
            buffer.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    public DatasetCopy number(Number value) {
        return raw(value == null ? null : value.toString());
    }

    public DatasetCopy bool(boolean value) {
        return raw(value ? "t" : "f");
    }

    public DatasetCopy date(LocalDate value) {
        return raw(value == null ? null : value.toString());
    }

    /** A timestamptz value, to the microsecond (UTC ISO-8601). */
    public DatasetCopy instant(java.time.Instant value) {
        return raw(value == null ? null : value.toString());
    }

    /** A text[] value, written as an array literal: {"pc","ps2"}. */
    public DatasetCopy textArray(List<String> values) {
        StringBuilder literal = new StringBuilder(values.size() * 8 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String v = values.get(i);
            for (int c = 0; c < v.length(); c++) {
                char ch = v.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return text(literal.append('}').toString());
    }

    public DatasetCopy endRow() {
        buffer.append('\n');
        rowStarted = false;
        if (buffer.length() >= CHUNK_CHARS) {
            flush();
        }
        return this;
    }

    /** Sends what is left and ends the COPY; returns the number of rows PostgreSQL took. */
    public long finish() {
        flush();
        finished = true;
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!finished && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is being rolled back anyway
            }
        }
    }

    private DatasetCopy raw(String value) {
        separator();
        buffer.append(value == null ? "\\N" : value);
        return this;
    }

    private void separator() {
        if (rowStarted) {
            buffer.append('\t');
        }
        rowStarted = true;
    }

    /** Copies the runs between escapes whole: most values have none (an import sends tens of MB). */
    private void escape(String value) {
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                buffer.append(value, run, i).append(escaped);
                run = i + 1;
            }
        }
        buffer.append(value, run, value.length());
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }
}
