package questlog.journal;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Computes {@link StatsResponse} in one read-only, repeatable-read transaction, so every figure
 * describes the same moment even while writes go on.
 */
final class StatsService {
    static final int TOP = 10;
    static final int YEAR_TOP = 5;

    private final Jdbi jdbi;

    StatsService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    StatsResponse stats(Integer year) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("SET TRANSACTION READ ONLY");
            StatsDao dao = h.attach(StatsDao.class);
            StatsDao.TotalsRow t = dao.totals();
            var totals = new StatsResponse.Totals(t.games(), t.gamesPlayed(), t.gamesCompleted(), t.playthroughs(),
                    t.planned(), t.playing(), t.paused(), t.completed(), t.abandoned(), t.sessions(),
                    t.playtimeMinutes(), t.playtimeHours());
            StatsDao.RatingSummary rated = dao.ratings();
            var ratings = new StatsResponse.Ratings(rated.count(), rated.average(), dao.ratingDistribution());
            var streak = dao.longestStreak().orElse(new StatsResponse.Streak(0, null, null));
            return new StatsResponse(year, totals, dao.completionsPerYear(), dao.completionsPerMonth(),
                    dao.platforms(null), ratings, dao.topGenres(null, TOP), dao.topFranchises(null, TOP),
                    new StatsResponse.Backlog(t.backlog(), t.planned(), t.paused()), streak,
                    year == null ? null : yearInReview(dao, year));
        });
    }

    private static StatsResponse.YearInReview yearInReview(StatsDao dao, int year) {
        StatsDao.YearSummary s = dao.yearSummary(year);
        var first = dao.highlights(year, "first", 1);
        var last = dao.highlights(year, "last", 1);
        return new StatsResponse.YearInReview(year, s.completed(), s.gamesCompleted(), s.started(),
                s.playtimeMinutes(), s.playtimeHours(), s.averageRating(), dao.yearMonths(year),
                dao.highlights(year, "best", YEAR_TOP), dao.topGenres(year, YEAR_TOP), dao.platforms(year),
                first.isEmpty() ? null : first.getFirst(), last.isEmpty() ? null : last.getFirst());
    }
}
