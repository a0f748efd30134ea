package questlog.journal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The stats read model. Unlike the rest of the journal, these queries join the catalog's tables
 * (game, game_genre, genre, franchise) directly: the figures are aggregates over the whole
 * journal grouped by catalog attributes, which the database computes in one pass over the
 * joined rows, whereas going through {@link GameCatalog} would mean fetching every playthrough's
 * game into the application first. They only read the catalog, never write it.
 * <p>
 * {@code year} arguments are null for all-time figures. The statements live in
 * {@code questlog/journal/StatsDao/<method>.sql}.
 */
@UseClasspathSqlLocator
public interface StatsDao {

    /** Totals and the backlog size in one pass: per game first, then over games. */
    record TotalsRow(long games, long gamesPlayed, long gamesCompleted, long playthroughs, long planned, long playing,
                     long paused, long completed, long abandoned, long sessions, long playtimeMinutes,
                     BigDecimal playtimeHours, long backlog) {}

    record RatingSummary(long count, BigDecimal average) {}

    record YearSummary(long completed, long gamesCompleted, long started, long playtimeMinutes,
                       BigDecimal playtimeHours, BigDecimal averageRating) {}

    @SqlQuery
    @RegisterConstructorMapper(TotalsRow.class)
    TotalsRow totals();

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.YearCount.class)
    List<StatsResponse.YearCount> completionsPerYear();

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.MonthCount.class)
    List<StatsResponse.MonthCount> completionsPerMonth();

    /** All playthroughs by platform, or (with a year) that year's completions. */
    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.PlatformTime.class)
    List<StatsResponse.PlatformTime> platforms(@Bind("year") Integer year);

    @SqlQuery
    @RegisterConstructorMapper(RatingSummary.class)
    RatingSummary ratings();

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.RatingCount.class)
    List<StatsResponse.RatingCount> ratingDistribution();

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.GroupCount.class)
    List<StatsResponse.GroupCount> topGenres(@Bind("year") Integer year, @Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.GroupCount.class)
    List<StatsResponse.GroupCount> topFranchises(@Bind("year") Integer year, @Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.Streak.class)
    Optional<StatsResponse.Streak> longestStreak();

    @SqlQuery
    @RegisterConstructorMapper(YearSummary.class)
    YearSummary yearSummary(@Bind("year") int year);

    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.MonthCount.class)
    List<StatsResponse.MonthCount> yearMonths(@Bind("year") int year);

    /** A year's completions in the given order: {@code best} (rating), {@code first} or {@code last}. */
    @SqlQuery
    @RegisterConstructorMapper(StatsResponse.Highlight.class)
    List<StatsResponse.Highlight> highlights(@Bind("year") int year, @Bind("order") String order, @Bind("limit") int limit);
}
