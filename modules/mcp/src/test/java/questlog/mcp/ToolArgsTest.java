package questlog.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arguments are read strictly, each problem naming the argument. */
class ToolArgsTest {
    static ToolArgs args(Map<String, Object> values) {
        return new ToolArgs(values, Set.of("name", "limit", "rating", "hours", "date", "status"));
    }

    @Test
    void readsWhatItIsGiven() {
        ToolArgs a = args(Map.of("name", " Ōkami ", "limit", 10L, "hours", 2.5, "date", "2024-02-29", "status", "paused"));
        assertThat(a.text("name")).isEqualTo(" Ōkami ");
        assertThat(a.integer("limit", 1, 50, 5)).isEqualTo(10);
        assertThat(a.integer("rating", 1, 10, null)).isNull();
        assertThat(a.decimal("hours", 0, 100)).isEqualTo(2.5);
        assertThat(a.date("date")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(a.choice("status", Set.of("paused", "playing"))).isEqualTo("paused");
        assertThat(args(null).text("name")).isNull();
        assertThat(args(Map.of("limit", 3.0)).integer("limit", 1, 5, 1)).as("3.0 is whole").isEqualTo(3);
    }

    @Test
    void refusesWhatItCannotUseNamingTheArgument() {
        assertThatThrownBy(() -> args(Map.of("colour", "red"))).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> args(Map.of("limit", 2.5)).integer("limit", 1, 5, 1)).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> args(Map.of("limit", 99)).integer("limit", 1, 50, 1)).hasMessageContaining("from 1 to 50");
        assertThatThrownBy(() -> args(Map.of("name", 7)).text("name")).hasMessageContaining("'name'", "string");
        assertThatThrownBy(() -> args(Map.of("name", "a\0b")).text("name")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> args(Map.of("date", "29/02/2024")).date("date")).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> args(Map.of("status", "done")).choice("status", Set.of("paused"))).hasMessageContaining("'status'");
        Map<String, Object> blank = new HashMap<>();
        blank.put("name", "  ");
        assertThatThrownBy(() -> args(blank).requiredText("name")).hasMessageContaining("required");
    }

    @Test
    void aSlugArgumentMustBeASlug() {
        assertThat(args(Map.of("name", "final-fantasy-vi")).slug("name")).isEqualTo("final-fantasy-vi");
        assertThat(args(Map.of()).slug("name")).isNull();
        for (String bad : new String[] {"../lists", "hades/../../lists/secret", "..", ".", "a/b", "Okami", "a b",
                "a--b", "-a", "a%2Fb"}) {
            assertThatThrownBy(() -> args(Map.of("name", bad)).slug("name")).as(bad)
                    .hasMessageStartingWith("Bad argument 'name': ").hasMessageContaining("slug");
        }
        assertThatThrownBy(() -> args(Map.of()).requiredSlug("name")).hasMessageContaining("'name'", "required");
    }
}
