package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import questlog.common.FieldError;
import questlog.common.InvalidInputException;

class GameQueryTest {

    @Test
    void defaultsToNameOrderAndFiftyFromTheStart() {
        assertThat(GameQuery.parse(Map.of()))
                .isEqualTo(new GameQuery(null, null, null, null, null, null, GameQuery.Sort.NAME, 50, 0));
    }

    @Test
    void readsEveryFilterAndTreatsBlankAsAbsent() {
        var query = GameQuery.parse(Map.of("q", List.of("okami"), "franchise", List.of(""), "genre", List.of("rpg"),
                "platform", List.of("ps2"), "year", List.of("2006"), "sort", List.of("-updated"), "limit", List.of("5000"),
                "offset", List.of("40"), "status", List.of("completed")));
        assertThat(query).isEqualTo(new GameQuery("okami", null, "rpg", "ps2", 2006, "completed", GameQuery.Sort.UPDATED_DESC, 5000, 40));
    }

    @Test
    void aSearchIsOrderedByRelevanceUnlessASortIsGiven() {
        assertThat(GameQuery.parse(Map.of("q", List.of("okami"))).sort()).isEqualTo(GameQuery.Sort.RELEVANCE);
        assertThat(GameQuery.parse(Map.of("q", List.of("okami"), "sort", List.of("name"))).sort())
                .isEqualTo(GameQuery.Sort.NAME);
        assertThat(GameQuery.parse(Map.of("q", List.of(" "))).sort()).isEqualTo(GameQuery.Sort.NAME);
        // relevance is not a value of sort: it is what q means without one
        assertThatThrownBy(() -> GameQuery.parse(Map.of("q", List.of("okami"), "sort", List.of("relevance"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().message())
                        .isEqualTo("must be one of [name, -name, year, -year, created, -created, updated, -updated]"
                                + " (got 'relevance')"));
    }

    @Test
    void collectsEveryBadParameterIntoOne400() {
        assertThatThrownBy(() -> GameQuery.parse(Map.of("limit", List.of("5001"), "offset", List.of("-1"),
                "year", List.of("soon"), "sort", List.of("rating"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactlyInAnyOrder("limit", "offset", "year", "sort");
                });
        assertThatThrownBy(() -> GameQuery.parse(Map.of("limit", List.of("0"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> GameQuery.parse(Map.of("limit", List.of("1e3"))))
                .isInstanceOf(InvalidInputException.class);
    }
}
