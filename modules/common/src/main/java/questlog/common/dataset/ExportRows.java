package questlog.common.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Streams the rows of an export query into a document, and writes column values the way every
 * section of Questlog's export format writes them: null as {@code null}, numbers exactly as
 * stored, timestamps as UTC ISO-8601 with every stored digit ({@link java.time.Instant#toString}:
 * no fraction when it is zero, else 3 or 6 digits), JSON columns as the database's own text of
 * them (so the same value is always written the same way).
 */
public final class ExportRows {
    private ExportRows() {}

    /** Writes one row. */
    @FunctionalInterface
    public interface RowWriter {
        void write(ResultSet rs) throws SQLException, IOException;
    }

    /** Runs {@code sql} (with {@code params} bound) and hands every row to {@code writer}, {@code fetchSize} rows at a time. */
    public static void stream(Handle h, String sql, Map<String, ?> params, int fetchSize, RowWriter writer) throws IOException {
        var query = h.createQuery(sql).setFetchSize(fetchSize);
        params.forEach(query::bind);
        try (ResultIterator<Boolean> rows = query.map((rs, ctx) -> {
            try {
                writer.write(rs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Boolean.TRUE;
        }).iterator()) {
            while (rows.hasNext()) {
                rows.next();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static void stream(Handle h, String sql, int fetchSize, RowWriter writer) throws IOException {
        stream(h, sql, Map.of(), fetchSize, writer);
    }

    /** A text column; null stays null. */
    public static void text(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        out.writeStringField(column, rs.getString(column));
    }

    /** A number column (integer or decimal), exactly as stored; null stays null. */
    public static void number(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        BigDecimal value = rs.getBigDecimal(column);
        if (value == null) {
            out.writeNullField(column);
        } else {
            out.writeNumberField(column, value);
        }
    }

    /** A date column as YYYY-MM-DD; null stays null. */
    public static void date(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        java.time.LocalDate value = rs.getObject(column, java.time.LocalDate.class);
        out.writeStringField(column, value == null ? null : value.toString());
    }

    /** A timestamptz column as UTC ISO-8601 with its full precision; null stays null. */
    public static void timestamp(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        out.writeStringField(column, value == null ? null : value.toInstant().toString());
    }

    /** A jsonb column (selected as {@code column::text}) written as JSON; null stays null. */
    public static void json(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        String text = rs.getString(column);
        out.writeFieldName(column);
        if (text == null) {
            out.writeNull();
        } else {
            out.writeRawValue(text);
        }
    }

    /** A text[] column as an array of strings, in the stored order (an empty array for null). */
    public static void strings(JsonGenerator out, ResultSet rs, String column) throws SQLException, IOException {
        Array array = rs.getArray(column);
        out.writeArrayFieldStart(column);
        if (array != null) {
            for (Object item : (Object[]) array.getArray()) {
                out.writeString((String) item);
            }
        }
        out.writeEndArray();
    }
}
