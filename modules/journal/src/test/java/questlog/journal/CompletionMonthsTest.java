package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionMonthsTest {
    @Test
    void monthsAndTheirCountsInOrder() {
        assertThat(CompletionMonths.parse("2022-11 3,2022-12 1,2023-01 12"))
                .containsExactly(new StatsResponse.MonthCount("2022-11", 3), new StatsResponse.MonthCount("2022-12", 1),
                        new StatsResponse.MonthCount("2023-01", 12));
    }

    @Test
    void noCompletionIsNoMonth() {
        assertThat(CompletionMonths.parse(null)).isEmpty();
        assertThat(CompletionMonths.perYear(List.of())).isEmpty();
    }

    @Test
    void theYearsSumTheirMonths() {
        assertThat(CompletionMonths.perYear(CompletionMonths.parse("2021-03 2,2022-11 3,2022-12 1,2200-01 4")))
                .containsExactly(new StatsResponse.YearCount(2021, 2), new StatsResponse.YearCount(2022, 4),
                        new StatsResponse.YearCount(2200, 4));
    }

    @Test
    void aMonthWithoutItsCountIsTheStatementsFault() {
        assertThatThrownBy(() -> CompletionMonths.parse("2022-11,2022-12 1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2022-11");
    }
}
