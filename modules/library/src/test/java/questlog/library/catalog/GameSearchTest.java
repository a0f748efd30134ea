package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.library.LibraryTestSupport.game;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/**
 * {@code q} and the name order of {@code GET /games} through the service, on a catalog of real
 * titles with the punctuation, accents and articles people leave out when they type.
 */
class GameSearchTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static GameService games;

    @BeforeAll
    static void setUp() {
        Jdbi jdbi = LibraryTestSupport.jdbi(db);
        games = new GameService(jdbi, new LibraryTestSupport.TestClock(), new RecordingEventLog());
        var catalog = new CatalogService(jdbi, new LibraryTestSupport.TestClock());
        catalog.createFranchise(new CreateFranchiseRequest("Drakengard", "drakengard"));
        catalog.createFranchise(new CreateFranchiseRequest("Shelf", "shelf"));
        games.create(game("NieR:Automata", "drakengard", null, 2017, List.of("ps4", "pc")));
        games.create(game("NieR Replicant", "drakengard", null, 2010, List.of("ps3")));
        games.create(game("Nier", null, null, 2010, List.of("ps3")));
        games.create(game("Automata Tales"));
        games.create(game("Baldur's Gate 3"));
        games.create(game("Baldur’s Gate II: Shadows of Amn"));
        games.create(game("The Legend of Zelda: Tears of the Kingdom"));
        games.create(game("The Legend of Zelda: Breath of the Wild"));
        games.create(game("The Legend of Zelda"));
        games.create(game("Abyss of Tearstone"));
        games.create(game("Ōkamiden"));
        games.create(game("Ōkami"));
        games.create(game("Pokémon Scarlet"));
        games.create(game("Pokémon Violet"));
        games.create(game("Pokémon Mystery Dungeon"));
        games.create(game("Half-Life 2"));
        games.create(game("S.T.A.L.K.E.R.: Shadow of Chernobyl"));
        games.create(game("Metroid Prime"));
        games.create(game("Another Metroid 2 Remake"));
        games.create(game("Metroid"));
        games.create(withSortName(game("Final Fantasy VII"), "Final Fantasy 07"));
        // The shelf: one franchise, so its order can be asked for alone.
        for (String name : List.of("Zork", "Persona 5", "Ōkami HD", "Nier Gestalt", "Mega Man 10", "Mega Man 2",
                "The Legend of Zelda II", "kirby's Adventure", "A Hat in Time", "abzû")) {
            games.create(game(name, "shelf", null, null, null));
        }
        games.create(withSortName(game("The Beatles: Rock Band", "shelf", null, null, null), "The Beatles: Rock Band"));
    }

    @Test
    void punctuationBetweenWordsIsAWordBreak() {
        assertThat(names(Map.of("q", "nier automata"))).containsExactly("NieR:Automata");
        assertThat(names(Map.of("q", "NieR:Automata"))).containsExactly("NieR:Automata");
        assertThat(names(Map.of("q", "half life"))).containsExactly("Half-Life 2");
    }

    @Test
    void punctuationInsideAWordMayAlsoBeLeftOut() {
        assertThat(names(Map.of("q", "nierautomata"))).containsExactly("NieR:Automata");
        assertThat(names(Map.of("q", "halflife 2"))).containsExactly("Half-Life 2");
        assertThat(names(Map.of("q", "stalker"))).containsExactly("S.T.A.L.K.E.R.: Shadow of Chernobyl");
    }

    @Test
    void apostrophesJoinTheirWord() {
        assertThat(names(Map.of("q", "baldurs"))).containsExactly("Baldur's Gate 3", "Baldur’s Gate II: Shadows of Amn");
        assertThat(names(Map.of("q", "baldur"))).containsExactly("Baldur's Gate 3", "Baldur’s Gate II: Shadows of Amn");
        assertThat(names(Map.of("q", "Baldur’s Gate 3"))).containsExactly("Baldur's Gate 3");
        assertThat(names(Map.of("q", "baldurs gate ii"))).containsExactly("Baldur’s Gate II: Shadows of Amn");
    }

    @Test
    void everyWordIsAWordPrefixInAnyOrder() {
        assertThat(names(Map.of("q", "zelda tears"))).containsExactly("The Legend of Zelda: Tears of the Kingdom");
        assertThat(names(Map.of("q", "tears zelda"))).containsExactly("The Legend of Zelda: Tears of the Kingdom");
        assertThat(names(Map.of("q", "zel tea"))).containsExactly("The Legend of Zelda: Tears of the Kingdom");
        assertThat(names(Map.of("q", "automata nier"))).containsExactly("NieR:Automata");
        // prefixes of words, not any part of a word
        assertThat(total(Map.of("q", "mon"))).isZero();
        assertThat(total(Map.of("q", "zelda kingdoms"))).isZero();
    }

    @Test
    void accentsAndCaseAreIgnored() {
        assertThat(names(Map.of("q", "okami"))).startsWith("Ōkami");
        assertThat(names(Map.of("q", "ōkami"))).startsWith("Ōkami");
        assertThat(names(Map.of("q", "OKAMI"))).containsExactly("Ōkami", "Ōkami HD", "Ōkamiden");
        assertThat(names(Map.of("q", "pokemon"))).containsExactly("Pokémon Mystery Dungeon", "Pokémon Scarlet",
                "Pokémon Violet");
        assertThat(names(Map.of("q", "POKÉMON scar"))).containsExactly("Pokémon Scarlet");
    }

    @Test
    void theExactNameComesFirstThenWholeWordsThenPrefixes() {
        // "another metroid…" sorts before "metroid", but Metroid is the name asked for
        assertThat(names(Map.of("q", "metroid"))).containsExactly("Metroid", "Another Metroid 2 Remake", "Metroid Prime");
        // the leading article is optional in an exact name
        assertThat(names(Map.of("q", "legend of zelda"))).containsExactly("The Legend of Zelda",
                "The Legend of Zelda: Breath of the Wild", "The Legend of Zelda II",
                "The Legend of Zelda: Tears of the Kingdom");
        // "tears" is a whole word of one name and only the start of "Tearstone" in the other
        assertThat(names(Map.of("q", "tears"))).containsExactly("The Legend of Zelda: Tears of the Kingdom",
                "Abyss of Tearstone");
        assertThat(names(Map.of("q", "nier"))).containsExactly("Nier", "NieR:Automata", "Nier Gestalt",
                "NieR Replicant");
    }

    @Test
    void anExplicitSortWinsOverRelevance() {
        assertThat(names(Map.of("q", "tears", "sort", "name"))).containsExactly("Abyss of Tearstone",
                "The Legend of Zelda: Tears of the Kingdom");
        assertThat(names(Map.of("q", "metroid", "sort", "-name"))).containsExactly("Metroid Prime", "Metroid",
                "Another Metroid 2 Remake");
        assertThat(names(Map.of("q", "nier", "sort", "-year"))).containsExactly("NieR:Automata", "Nier",
                "NieR Replicant", "Nier Gestalt");
    }

    @Test
    void theSortNameIsSearchableToo() {
        assertThat(names(Map.of("q", "final fantasy 07"))).containsExactly("Final Fantasy VII");
        assertThat(names(Map.of("q", "final fantasy vii"))).containsExactly("Final Fantasy VII");
    }

    @Test
    void aQueryWithoutAnyWordMatchesNothing() {
        assertThat(total(Map.of("q", "!!!"))).isZero();
        assertThat(total(Map.of("q", "🐉"))).isZero();
    }

    @Test
    void otherFiltersCombineWithTheQuery() {
        assertThat(names(Map.of("q", "nier", "franchise", "drakengard"))).containsExactly("NieR:Automata",
                "NieR Replicant");
        assertThat(names(Map.of("q", "nier", "year", "2010"))).containsExactly("Nier", "NieR Replicant");
        assertThat(names(Map.of("q", "nier", "platform", "pc"))).containsExactly("NieR:Automata");
        assertThat(names(Map.of("q", "okami", "franchise", "shelf"))).containsExactly("Ōkami HD");
    }

    @Test
    void pagesOfASearchCountEveryMatch() {
        var first = query(Map.of("q", "zelda", "limit", "3"));
        assertThat(first.total()).isEqualTo(4);
        assertThat(names(first)).containsExactly("The Legend of Zelda", "The Legend of Zelda: Breath of the Wild",
                "The Legend of Zelda II");
        var second = query(Map.of("q", "zelda", "limit", "3", "offset", "3"));
        assertThat(second.total()).isEqualTo(4);
        assertThat(names(second)).containsExactly("The Legend of Zelda: Tears of the Kingdom");
        var beyond = query(Map.of("q", "zelda", "limit", "3", "offset", "6"));
        assertThat(beyond.total()).isEqualTo(4);
        assertThat(beyond.games()).isEmpty();
        assertThat(query(Map.of("q", "pok", "limit", "2")).total()).isEqualTo(3);
    }

    @Test
    void namesSortIgnoringCaseAccentsAndALeadingArticleUnlessASortNameSaysOtherwise() {
        List<String> shelf = List.of("abzû", "A Hat in Time", "kirby's Adventure", "The Legend of Zelda II",
                "Mega Man 2", "Mega Man 10", "Nier Gestalt", "Ōkami HD", "Persona 5", "The Beatles: Rock Band", "Zork");
        assertThat(names(Map.of("franchise", "shelf"))).containsExactlyElementsOf(shelf);
        assertThat(names(Map.of("franchise", "shelf", "sort", "name"))).containsExactlyElementsOf(shelf);
        assertThat(names(Map.of("franchise", "shelf", "sort", "-name"))).containsExactlyElementsOf(shelf.reversed());
        assertThat(names(Map.of("franchise", "shelf", "limit", "4", "offset", "4")))
                .containsExactlyElementsOf(shelf.subList(4, 8));
    }

    private static GameService.Listing query(Map<String, String> params) {
        Map<String, List<String>> multi = new HashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return games.list(GameQuery.parse(multi));
    }

    private static List<String> names(Map<String, String> params) {
        return names(query(params));
    }

    private static List<String> names(GameService.Listing listing) {
        return listing.games().stream().map(Game::name).toList();
    }

    private static long total(Map<String, String> params) {
        return query(params).total();
    }

    private static CreateGameRequest withSortName(CreateGameRequest r, String sortName) {
        return new CreateGameRequest(r.name(), r.slug(), sortName, r.franchise(), r.genres(), r.primaryGenre(),
                r.originalReleaseYear(), r.summary(), r.coverUrl(), r.platforms(), r.igdbId(), r.parentGame(),
                r.relationshipType(), r.externalIds(), r.editions());
    }
}
