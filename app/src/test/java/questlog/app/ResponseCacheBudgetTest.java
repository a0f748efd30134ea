package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The read cache never takes more than a quarter of the heap, whatever is configured. */
class ResponseCacheBudgetTest {
    static final long MB = 1 << 20;

    @Test
    void theConfiguredBudgetWhenItFitsElseAQuarterOfTheHeap() {
        assertThat(ResponseCache.budget(32 * MB, 128 * MB)).isEqualTo(32 * MB);
        assertThat(ResponseCache.budget(128 * MB, 128 * MB)).isEqualTo(32 * MB);
        assertThat(ResponseCache.budget(128 * MB, 4096 * MB)).isEqualTo(128 * MB);
    }
}
