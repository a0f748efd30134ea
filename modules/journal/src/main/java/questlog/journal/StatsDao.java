package questlog.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import questlog.common.JdbcReads;

/**
 * The stats read model. Unlike the rest of the journal, these queries join the catalog's tables
 * (game, game_genre, genre, franchise) directly: the figures are aggregates over the whole
 * journal grouped by catalog attributes, which the database computes in one pass over the
 * joined rows, whereas going through {@link questlog.common.GameLookup} would mean fetching every playthrough's
 * game into the application first. They only read the catalog, never write it.
 * <p>
 * Each statement answers a whole part of {@link StatsResponse} in one round trip, as JSON
 * columns in the response's own shape; the statements live in
 * {@code questlog/journal/StatsDao/<method>.sql}. They run as plain JDBC statements
 * ({@link JdbcReads}) on the request's connection: a read pays none of the data-access layer's
 * per-call set-up, which cost more than the statement itself.
 */
final class StatsDao {

    /** The all-time figures, each column one JSON value but {@code months} (see {@link CompletionMonths}). */
    record AllTime(String totals, String months, String platforms, String ratingDistribution, String ratings,
                   String topGenres, String topFranchises) {}

    /** One year's figures, each column one JSON value (the highlights null when the year has no completion). */
    record Year(String summary, String months, String topRated, String topGenres, String platforms,
                String firstCompletion, String lastCompletion) {}

    /** {@code totals} as the all-time statement writes it: the response's totals plus the backlog's figures. */
    record TotalsRow(long games, long gamesPlayed, long gamesCompleted, long playthroughs, long planned, long playing,
                     long paused, long completed, long abandoned, long sessions, long playtimeMinutes,
                     BigDecimal playtimeHours, long backlog, long backlogPlanned, long backlogPaused) {}

    record RatingSummary(long count, BigDecimal average) {}

    record YearSummary(long completed, long gamesCompleted, long started, long playtimeMinutes,
                       BigDecimal playtimeHours, BigDecimal averageRating) {}

    private static final JdbcReads.Named ALL_TIME = load("allTime");
    private static final JdbcReads.Named YEAR_IN_REVIEW = load("yearInReview");

    private StatsDao() {}

    static AllTime allTime(Handle h, int top) {
        String[] c = row(h, ALL_TIME, Map.of("top", top));
        return new AllTime(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    static Year yearInReview(Handle h, int year, int top) {
        String[] c = row(h, YEAR_IN_REVIEW, Map.of("year", year, "top", top));
        return new Year(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    /** {@code StatsDao/<name>.sql}, its parameters made positional. */
    private static JdbcReads.Named load(String name) {
        try (InputStream in = StatsDao.class.getResourceAsStream("StatsDao/" + name + ".sql")) {
            return JdbcReads.named(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement's one row, every column as text. */
    private static String[] row(Handle h, JdbcReads.Named statement, Map<String, Integer> values) {
        return JdbcReads.run(h, statement.sql(), statement.params(values), prepared -> {
            try (ResultSet rs = prepared.executeQuery()) {
                rs.next();
                String[] columns = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = rs.getString(i + 1);
                }
                return columns;
            }
        });
    }
}
