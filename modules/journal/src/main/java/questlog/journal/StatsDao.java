package questlog.journal;

import java.math.BigDecimal;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The stats read model. Unlike the rest of the journal, these queries join the catalog's tables
 * (game, game_genre, genre, franchise) directly: the figures are aggregates over the whole
 * journal grouped by catalog attributes, which the database computes in one pass over the
 * joined rows, whereas going through {@link questlog.common.GameLookup} would mean fetching every playthrough's
 * game into the application first. They only read the catalog, never write it.
 * <p>
 * Each statement answers a whole part of {@link StatsResponse} in one round trip, as JSON
 * columns in the response's own shape; the statements live in
 * {@code questlog/journal/StatsDao/<method>.sql}.
 */
@UseClasspathSqlLocator
public interface StatsDao {

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

    @SqlQuery
    @RegisterConstructorMapper(AllTime.class)
    AllTime allTime(@Bind("top") int top);

    @SqlQuery
    @RegisterConstructorMapper(Year.class)
    Year yearInReview(@Bind("year") int year, @Bind("top") int top);
}
