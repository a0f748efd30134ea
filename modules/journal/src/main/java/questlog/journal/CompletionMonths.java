package questlog.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The all-time completions per month, as the stats statement sends them ({@code months}: "YYYY-MM n"
 * pairs in month order, comma-separated, only months with a completion; null for none), and the
 * completions per year summed from them. (Years have four digits: a playthrough's dates lie
 * between {@link PlaythroughService#MIN_YEAR} and {@link PlaythroughService#MAX_YEAR}, so the
 * statement's text order is the calendar's.) Plain text costs the database far less to build than
 * one JSON object per month, and the application less to read.
 */
final class CompletionMonths {
    private CompletionMonths() {}

    static List<StatsResponse.MonthCount> parse(String months) {
        List<StatsResponse.MonthCount> counts = new ArrayList<>();
        if (months == null) {
            return counts;
        }
        int start = 0;
        while (start < months.length()) {
            int end = months.indexOf(',', start);
            if (end < 0) {
                end = months.length();
            }
            int space = months.indexOf(' ', start);
            if (space < 0 || space > end) {
                throw new IllegalStateException("stats SQL answered a month without its count: " + months.substring(start, end));
            }
            counts.add(new StatsResponse.MonthCount(months.substring(start, space),
                    Long.parseLong(months, space + 1, end, 10)));
            start = end + 1;
        }
        return counts;
    }

    /** {@code months} in month order: the completions of each year, in year order. */
    static List<StatsResponse.YearCount> perYear(List<StatsResponse.MonthCount> months) {
        List<StatsResponse.YearCount> years = new ArrayList<>();
        for (StatsResponse.MonthCount month : months) {
            int year = year(month.month());
            if (!years.isEmpty() && years.getLast().year() == year) {
                years.set(years.size() - 1, new StatsResponse.YearCount(year, years.getLast().completed() + month.completed()));
            } else {
                years.add(new StatsResponse.YearCount(year, month.completed()));
            }
        }
        return years;
    }

    /** The year of "YYYY-MM". */
    static int year(String month) {
        return Integer.parseInt(month, 0, month.lastIndexOf('-'), 10);
    }

    /** Months since year 0 of "YYYY-MM": consecutive months have consecutive indexes. */
    static int monthIndex(String month) {
        int dash = month.lastIndexOf('-');
        return year(month) * 12 + Integer.parseInt(month, dash + 1, month.length(), 10);
    }
}
