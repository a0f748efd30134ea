package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/stats} on an empty library: zeros, empty arrays and nulls, never an error. */
class StatsEmptyLibraryTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @Test
    void everyFigureIsZeroOrEmpty() {
        var response = api.get("/api/stats?year=2025");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode stats = response.json();
        stats.path("totals").fields().forEachRemaining(f ->
                assertThat(f.getValue().decimalValue()).as(f.getKey()).isEqualByComparingTo("0"));
        assertThat(stats.path("completions_per_year")).isEmpty();
        assertThat(stats.path("completions_per_month")).isEmpty();
        assertThat(stats.path("hours_per_platform")).isEmpty();
        assertThat(stats.path("ratings").path("count").asInt()).isZero();
        assertThat(stats.path("ratings").path("average").isNull()).isTrue();
        assertThat(stats.path("ratings").path("distribution")).hasSize(10);
        assertThat(stats.path("top_genres")).isEmpty();
        assertThat(stats.path("top_franchises")).isEmpty();
        assertThat(stats.path("backlog").path("size").asInt()).isZero();
        assertThat(stats.path("longest_streak").toString()).isEqualTo("{\"months\":0,\"first_month\":null,\"last_month\":null}");
        assertThat(stats.path("year_in_review").path("completed").asInt()).isZero();
        assertThat(stats.path("year_in_review").path("first_completion").isNull()).isTrue();
    }
}
