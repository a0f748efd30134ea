package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rule: narrow by main game, year, then name; never guess between what is left. */
class IgdbMatcherTest {

    static IgdbGame game(long id, String name, int year, String type, Long versionParent) {
        return new IgdbGame(id, name, null, null, LocalDate.of(year, 1, 1), null, List.of(), List.of(), null, type,
                versionParent, null, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void anAppidWithOneGameIsThatGame() {
        var dlc = game(5, "Portal 2 - Peer Review", 2011, "dlc_addon", null);
        assertThat(IgdbMatcher.byAppid("Portal 2", null, List.of(dlc))).isEqualTo(new IgdbMatcher.Found(dlc));
    }

    @Test
    void anAppidOfAGameAndItsSoundtrackAndEditionIsTheMainGame() {
        var main = game(72, "Portal 2", 2011, "main_game", null);
        var goty = game(73, "Portal 2: Complete", 2012, "main_game", 72L);
        var soundtrack = game(74, "Portal 2 Soundtrack", 2011, "bundle", null);
        assertThat(IgdbMatcher.byAppid("Portal 2", null, List.of(goty, soundtrack, main)))
                .isEqualTo(new IgdbMatcher.Found(main));
    }

    @Test
    void twoGamesOfTheSameNameAreAmbiguousUnlessTheYearTells() {
        var original = game(974, "Resident Evil", 1996, "main_game", null);
        var remake = game(1234, "Resident Evil", 2002, "remake", null);
        var original2 = game(975, "Resident Evil", 2002, "main_game", null);

        assertThat(IgdbMatcher.byName("Resident Evil", null, List.of(original, original2)))
                .isInstanceOf(IgdbMatcher.Ambiguous.class);
        assertThat(IgdbMatcher.byName("resident evil", 1996, List.of(original, original2)))
                .isEqualTo(new IgdbMatcher.Found(original));
        // A remake is another game, not an edition: without a year the library cannot tell which is meant.
        assertThat(IgdbMatcher.byName("Resident Evil", null, List.of(original, remake)))
                .isInstanceOf(IgdbMatcher.Ambiguous.class);
        var goty = game(976, "Resident Evil", 1997, "main_game", 974L);
        assertThat(IgdbMatcher.byName("Resident Evil", null, List.of(original, goty)))
                .isEqualTo(new IgdbMatcher.Found(original));
    }

    @Test
    void searchHitsOfOtherNamesDoNotCount() {
        var witcher = game(1942, "The Witcher 3: Wild Hunt", 2015, "main_game", null);
        assertThat(IgdbMatcher.byName("Witcher 3", null, List.of(witcher))).isInstanceOf(IgdbMatcher.None.class);
        assertThat(IgdbMatcher.byName("the witcher 3: wild hunt", null, List.of(witcher)))
                .isEqualTo(new IgdbMatcher.Found(witcher));
    }
}
