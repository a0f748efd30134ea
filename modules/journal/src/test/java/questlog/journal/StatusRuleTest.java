package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The status rule every write path applies. */
class StatusRuleTest {
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final LocalDate END = LocalDate.of(2025, 2, 1);

    @Test
    void aNewRunTakesTheGivenStatusElseFollowsItsDates() {
        assertThat(StatusRule.ofNew(null, null, null)).isEqualTo(PlaythroughStatus.PLANNED);
        assertThat(StatusRule.ofNew(null, START, null)).isEqualTo(PlaythroughStatus.PLAYING);
        assertThat(StatusRule.ofNew(null, START, END)).isEqualTo(PlaythroughStatus.COMPLETED);
        assertThat(StatusRule.ofNew(PlaythroughStatus.ABANDONED, START, END)).isEqualTo(PlaythroughStatus.ABANDONED);
    }

    @Test
    void settingACompletionDateCompletesTheRun() {
        for (PlaythroughStatus current : PlaythroughStatus.values()) {
            assertThat(StatusRule.afterChange(current, null, null, END)).as(current.value())
                    .isEqualTo(PlaythroughStatus.COMPLETED);
        }
        assertThat(StatusRule.afterChange(PlaythroughStatus.PLAYING, PlaythroughStatus.PAUSED, null, END))
                .as("a status given with the date wins").isEqualTo(PlaythroughStatus.PAUSED);
    }

    @Test
    void settingAStartDateStartsOnlyAPlannedRun() {
        assertThat(StatusRule.afterChange(PlaythroughStatus.PLANNED, null, START, null)).isEqualTo(PlaythroughStatus.PLAYING);
        for (PlaythroughStatus current : new PlaythroughStatus[] {PlaythroughStatus.PAUSED, PlaythroughStatus.ABANDONED,
                PlaythroughStatus.COMPLETED, PlaythroughStatus.PLAYING}) {
            assertThat(StatusRule.afterChange(current, null, START, null)).isEqualTo(current);
        }
    }

    @Test
    void otherChangesKeepTheStatus() {
        for (PlaythroughStatus current : PlaythroughStatus.values()) {
            assertThat(StatusRule.afterChange(current, null, null, null)).isEqualTo(current);
        }
    }
}
