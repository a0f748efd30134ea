package questlog.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stats read model. Unlike the rest of the journal, these queries join the catalog's tables
 * (game, game_genre, genre, franchise) directly: the figures are aggregates over the whole
 * journal grouped by catalog attributes, which the database computes in one pass over the
 * joined rows, whereas going through {@link questlog.common.GameLookup} would mean fetching every playthrough's
 * game into the application first. They only read the catalog, never write it.
 * <p>
 * Each statement answers a whole part of {@link StatsResponse} in one round trip, as JSON
 * columns in the response's own shape; the statements live in
 * {@code questlog/journal/StatsDao/<method>.sql}. They run as plain JDBC statements on the
 * request's connection: read once, with their {@code :name} parameters made positional, they are
 * prepared by the server after a few uses like any repeated statement, and a read pays none of
 * the data-access layer's per-call set-up (which cost more than the statement itself).
 */
final class StatsDao {

    /** The all-time figures, each column one JSON value. */
    record AllTime(String totals, String perYear, String perMonth, String platforms, String ratingDistribution,
                   String ratings, String topGenres, String topFranchises, String longestStreak) {}

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

    private static final Statement ALL_TIME = Statement.load("allTime");
    private static final Statement YEAR_IN_REVIEW = Statement.load("yearInReview");

    private StatsDao() {}

    static AllTime allTime(Connection connection, int top) throws SQLException {
        String[] c = ALL_TIME.row(connection, Map.of("top", top));
        return new AllTime(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
    }

    static Year yearInReview(Connection connection, int year, int top) throws SQLException {
        String[] c = YEAR_IN_REVIEW.row(connection, Map.of("year", year, "top", top));
        return new Year(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    /** A statement of {@code StatsDao/<name>.sql} with its parameters in order of appearance. */
    private record Statement(String sql, List<String> parameters) {
        private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z]+)\\b");

        static Statement load(String name) {
            String text;
            try (InputStream in = StatsDao.class.getResourceAsStream("StatsDao/" + name + ".sql")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> parameters = new ArrayList<>();
            StringBuilder sql = new StringBuilder();
            Matcher m = PARAMETER.matcher(text.replaceAll("(?m)^\\s*--.*$", ""));
            while (m.find()) {
                parameters.add(m.group(1));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            return new Statement(sql.toString(), List.copyOf(parameters));
        }

        /** The statement's one row, every column as text. */
        String[] row(Connection connection, Map<String, Integer> values) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setInt(i + 1, values.get(parameters.get(i)));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    String[] columns = new String[rs.getMetaData().getColumnCount()];
                    for (int i = 0; i < columns.length; i++) {
                        columns[i] = rs.getString(i + 1);
                    }
                    return columns;
                }
            }
        }
    }
}
