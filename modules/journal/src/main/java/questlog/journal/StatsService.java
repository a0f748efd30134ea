package questlog.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes {@link StatsResponse} from one statement for the all-time figures and, when a year is
 * asked for, one for the year in review, in one read-only, repeatable-read transaction (so every
 * figure describes the same moment, even while writes go on; a lone statement sees one moment by
 * itself). Both answer JSON in the response's shape, which is read into the response's records
 * here.
 */
final class StatsService {
    static final int TOP = 10;
    static final int YEAR_TOP = 5;

    private final Jdbi jdbi;
    private final ObjectMapper json;

    StatsService(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    StatsResponse stats(Integer year) {
        if (year == null) {
            // One statement sees one snapshot by itself: no transaction, one round trip.
            return jdbi.withHandle(h -> response(StatsDao.allTime(h, TOP), null, null));
        }
        // Two statements, one snapshot, set by one statement (JDBI's inTransaction(level, ...) costs four round trips).
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return response(StatsDao.allTime(h, TOP), StatsDao.yearInReview(h, year, YEAR_TOP), year);
        });
    }

    private StatsResponse response(StatsDao.AllTime all, StatsDao.Year review, Integer year) {
        StatsDao.TotalsRow t = read(all.totals(), new TypeReference<>() {});
        var totals = new StatsResponse.Totals(t.games(), t.gamesPlayed(), t.gamesCompleted(), t.playthroughs(),
                t.planned(), t.playing(), t.paused(), t.completed(), t.abandoned(), t.sessions(),
                t.playtimeMinutes(), t.playtimeHours());
        StatsDao.RatingSummary rated = read(all.ratings(), new TypeReference<>() {});
        var ratings = new StatsResponse.Ratings(rated.count(), rated.average(),
                read(all.ratingDistribution(), new TypeReference<List<StatsResponse.RatingCount>>() {}));
        List<StatsResponse.MonthCount> perMonth = CompletionMonths.parse(all.months());
        return new StatsResponse(year, totals, CompletionMonths.perYear(perMonth), perMonth,
                read(all.platforms(), new TypeReference<List<StatsResponse.PlatformTime>>() {}),
                ratings,
                read(all.topGenres(), new TypeReference<List<StatsResponse.GroupCount>>() {}),
                read(all.topFranchises(), new TypeReference<List<StatsResponse.GroupCount>>() {}),
                new StatsResponse.Backlog(t.backlog(), t.backlogPlanned(), t.backlogPaused()),
                LongestStreak.of(perMonth),
                review == null ? null : yearInReview(review, year));
    }

    private StatsResponse.YearInReview yearInReview(StatsDao.Year y, int year) {
        StatsDao.YearSummary s = read(y.summary(), new TypeReference<>() {});
        return new StatsResponse.YearInReview(year, s.completed(), s.gamesCompleted(), s.started(), s.playtimeMinutes(),
                s.playtimeHours(), s.averageRating(),
                read(y.months(), new TypeReference<List<StatsResponse.MonthCount>>() {}),
                read(y.topRated(), new TypeReference<List<StatsResponse.Highlight>>() {}),
                read(y.topGenres(), new TypeReference<List<StatsResponse.GroupCount>>() {}),
                read(y.platforms(), new TypeReference<List<StatsResponse.PlatformTime>>() {}),
                y.firstCompletion() == null ? null : read(y.firstCompletion(), new TypeReference<StatsResponse.Highlight>() {}),
                y.lastCompletion() == null ? null : read(y.lastCompletion(), new TypeReference<StatsResponse.Highlight>() {}));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats SQL answered unexpected JSON: " + e.getOriginalMessage(), e);
        }
    }
}
