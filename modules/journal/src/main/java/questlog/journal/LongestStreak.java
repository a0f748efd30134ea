package questlog.journal;

import java.util.List;

/**
 * The longest run of consecutive calendar months with a completion, found in the all-time
 * per-month counts (README "Stats"): the latest run wins a tie, and no completion at all is a run
 * of zero months without ends.
 */
final class LongestStreak {
    private LongestStreak() {}

    /** {@code months}: "YYYY-MM" with at least one completion each, in ascending order, as per_month lists them. */
    static StatsResponse.Streak of(List<StatsResponse.MonthCount> months) {
        int bestLength = 0;
        String bestFirst = null;
        String bestLast = null;
        int length = 0;
        String first = null;
        int previous = Integer.MIN_VALUE;
        for (StatsResponse.MonthCount month : months) {
            int index = CompletionMonths.monthIndex(month.month());
            if (index != previous + 1) {
                length = 0;
                first = month.month();
            }
            length++;
            previous = index;
            // >=: runs come in ascending order, so a later run of the same length replaces the earlier.
            if (length >= bestLength) {
                bestLength = length;
                bestFirst = first;
                bestLast = month.month();
            }
        }
        return new StatsResponse.Streak(bestLength, bestFirst, bestLast);
    }
}
