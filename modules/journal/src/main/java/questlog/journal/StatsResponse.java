package questlog.journal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/stats}. Every figure counts playthroughs unless its name says games. A
 * completion is a playthrough with status completed, dated by its {@code completed_at}.
 * Playtime is each playthrough's playtime as the API shows it (given, else the sum of its
 * sessions); playthroughs without one add nothing. Hours have one decimal, averages two.
 *
 * @param year                the {@code year} asked for, or null
 * @param completionsPerYear  years with at least one completion, oldest first
 * @param completionsPerMonth months (YYYY-MM) with at least one completion, oldest first
 * @param hoursPerPlatform    every platform of a played (not planned) playthrough (null: none given), most
 *                            playtime first
 * @param topGenres           up to 10 genres by completions (a game counts for each of its genres)
 * @param topFranchises       up to 10 franchises by completions
 * @param longestStreak       the longest run of consecutive months with a completion (the latest
 *                            one when several are as long)
 * @param yearInReview        the year asked for, or null without {@code year}
 */
public record StatsResponse(Integer year, Totals totals, List<YearCount> completionsPerYear,
                     List<MonthCount> completionsPerMonth, List<PlatformTime> hoursPerPlatform, Ratings ratings,
                     List<GroupCount> topGenres, List<GroupCount> topFranchises, Backlog backlog, Streak longestStreak,
                     YearInReview yearInReview) {

    /**
     * @param games          games in the library
     * @param gamesPlayed    games with at least one played playthrough: playing, paused, completed or
     *                       abandoned (a game whose only runs are planned is not played)
     * @param gamesCompleted games with at least one completion
     */
    public record Totals(long games, long gamesPlayed, long gamesCompleted, long playthroughs, long planned, long playing,
                  long paused, long completed, long abandoned, long sessions, long playtimeMinutes,
                  BigDecimal playtimeHours) {}

    public record YearCount(int year, long completed) {}

    public record MonthCount(String month, long completed) {}

    /** A platform by its display name and key ({@code null} both for playthroughs without one). */
    public record PlatformTime(String platform, String platformKey, long playthroughs, long playtimeMinutes,
                               BigDecimal playtimeHours) {}

    /** Ratings of playthroughs: how many are rated, their mean (null when none), a count per value 1 to 10. */
    public record Ratings(long count, BigDecimal average, List<RatingCount> distribution) {}

    public record RatingCount(int rating, long count) {}

    /** A genre or franchise: completions, distinct games completed, and the playtime of those completions. */
    public record GroupCount(String slug, String name, long completed, long games, long playtimeMinutes,
                      BigDecimal playtimeHours) {}

    /**
     * @param size    games with a planned or paused playthrough and no completed one
     * @param planned games of the backlog with a planned playthrough
     * @param paused  games of the backlog with a paused playthrough (a game may count in both)
     */
    public record Backlog(long size, long planned, long paused) {}

    /** {@code months} is 0 and the bounds null when nothing was ever completed. */
    public record Streak(int months, String firstMonth, String lastMonth) {}

    /** One completion, for the highlights of a year. */
    public record Highlight(String gameSlug, String gameName, LocalDate completedAt, Integer rating, String platform,
                     String platformKey, Integer playtimeMinutes, BigDecimal playtimeHours) {}

    /**
     * One year: completions dated in it, playthroughs started in it, and the playtime and ratings
     * of its completions.
     *
     * @param months    the twelve months of the year, zeros included
     * @param topRated  up to 5 rated completions, best first (earliest first among equals)
     * @param topGenres up to 5 genres by completions in the year
     * @param platforms platforms of the year's completions, most playtime first
     */
    public record YearInReview(int year, long completed, long gamesCompleted, long started, long playtimeMinutes,
                        BigDecimal playtimeHours, BigDecimal averageRating, List<MonthCount> months,
                        List<Highlight> topRated, List<GroupCount> topGenres, List<PlatformTime> platforms,
                        Highlight firstCompletion, Highlight lastCompletion) {}
}
