package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongestStreakTest {
    private static List<StatsResponse.MonthCount> months(String... months) {
        return Arrays.stream(months).map(m -> new StatsResponse.MonthCount(m, 1)).toList();
    }

    @Test
    void noCompletionIsARunOfNothing() {
        assertThat(LongestStreak.of(List.of())).isEqualTo(new StatsResponse.Streak(0, null, null));
    }

    @Test
    void aRunGoesOnAcrossTheNewYear() {
        assertThat(LongestStreak.of(months("2021-05", "2022-11", "2022-12", "2023-01", "2023-03")))
                .isEqualTo(new StatsResponse.Streak(3, "2022-11", "2023-01"));
    }

    @Test
    void theLatestOfEqualRunsWins() {
        assertThat(LongestStreak.of(months("2019-01", "2019-02", "2020-06", "2021-07", "2021-08")))
                .isEqualTo(new StatsResponse.Streak(2, "2021-07", "2021-08"));
        assertThat(LongestStreak.of(months("2019-01", "2019-02", "2019-03", "2021-07", "2021-08")))
                .isEqualTo(new StatsResponse.Streak(3, "2019-01", "2019-03"));
    }

    @Test
    void theSameMonthOfAnotherYearIsNotTheNextMonth() {
        assertThat(LongestStreak.of(months("2020-04", "2021-04", "2022-04")))
                .isEqualTo(new StatsResponse.Streak(1, "2022-04", "2022-04"));
    }
}
