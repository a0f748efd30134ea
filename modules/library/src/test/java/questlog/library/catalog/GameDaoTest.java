package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.library.compat.Work;
import questlog.testsupport.TestDatabase;

class GameDaoTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static final Instant NOW = Instant.parse("2026-02-03T04:05:06.789012Z");

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
    }

    @Test
    void mapsEveryColumnOfAGameWithItsReferencesIntoTheRecord() {
        jdbi.useTransaction(h -> {
            var franchise = h.attach(FranchiseDao.class).insert("Final Fantasy", "final-fantasy", NOW).orElseThrow();
            var rpg = h.attach(GenreDao.class).insert("RPG", "rpg", 12L, null, NOW).orElseThrow();
            var games = h.attach(GameDao.class);
            var parent = games.insert(new GameValues("Final Fantasy VII", "final-fantasy-vii", null, franchise.id(), null,
                    null, null, 1997, null, null, List.of(), null), NOW).orElseThrow();
            var key = games.insert(new GameValues("Crisis Core", "crisis-core", "Final Fantasy VII Crisis Core",
                    franchise.id(), parent.id(), "prequel", rpg.id(), 2007, "Zack's story", "https://img/cc.jpg",
                    List.of("psp", "switch"), 1234L), NOW).orElseThrow();

            Game game = games.findBySlug("crisis-core").orElseThrow();

            assertThat(game).isEqualTo(new Game(key.id(), "Crisis Core", "crisis-core", "Final Fantasy VII Crisis Core",
                    franchise.id(), "Final Fantasy", "final-fantasy", rpg.id(), "RPG", "rpg", parent.id(),
                    "Final Fantasy VII", "final-fantasy-vii", "prequel", 2007, "Zack's story", "https://img/cc.jpg",
                    List.of("psp", "switch"), 1234L, null, NOW, NOW));
            assertThat(games.findById(key.id())).contains(game);
            assertThat(games.findWorkBySlug("crisis-core")).contains(new Work(key.id(), "Crisis Core", "crisis-core",
                    franchise.id(), "Final Fantasy", "final-fantasy", 2007));
            assertThat(games.findWorkById(parent.id())).map(Work::franchiseSlug).contains("final-fantasy");
            // the search words and the sort key are the database's, from the name and sort_name
            assertThat(keys(h, key.id())).containsExactly("'core' 'crisis' 'fantasy' 'final' 'vii'",
                    "final fantasy vii crisis core");
            games.update(key.id(), new GameValues("The Crisis Core", "crisis-core", null, franchise.id(), parent.id(),
                    "prequel", rpg.id(), 2007, null, null, List.of(), 1234L), NOW);
            assertThat(keys(h, key.id())).containsExactly("'core' 'crisis' 'the'", "crisis core");
        });
    }

    private static List<String> keys(org.jdbi.v3.core.Handle h, UUID id) {
        return h.createQuery("SELECT search_vector::text, sort_key FROM game WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2))).one();
    }

    @Test
    void foldsNamesIntoWordsIgnoringCaseAccentsApostrophesAndPunctuation() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("NieR:Automata", "nier automata");
        words.put("Baldur's Gate 3", "baldurs gate 3");
        words.put("Baldur’s Gate 3", "baldurs gate 3");
        words.put("The Legend of Zelda: Tears of the Kingdom", "the legend of zelda tears of the kingdom");
        words.put("ŌKAMI", "okami");
        words.put("Pokémon™ Let's Go, Pikachu!", "pokemon lets go pikachu");
        words.put("Œuvre Straße", "oeuvre strasse");
        words.put("Final Fantasy Ⅶ", "final fantasy vii");
        words.put("Ｆｕｌｌ　Ｗｉｄｔｈ", "full width");
        words.put("Half-Life 2: Episode One", "half life 2 episode one");
        words.put("Tab\there «quoted» — dash…", "tab here quoted dash");
        words.put("ファイナルファンタジー・VII", "ファイナルファンタジー vii");
        words.put("🐉 Dragon 🐉", "dragon");
        words.put("🐉", "");
        jdbi.useHandle(h -> words.forEach((name, folded) -> assertThat(
                h.createQuery("SELECT library_search_fold(:name)").bind("name", name).mapTo(String.class).one())
                .as(name).isEqualTo(folded)));
    }

    @Test
    void searchWordsAlsoHoldEachChunkWithItsPunctuationJoined() {
        Map<String, String> vectors = Map.of(
                "NieR:Automata", "'automata' 'nier' 'nierautomata'",
                "S.T.A.L.K.E.R.", "'a' 'e' 'k' 'l' 'r' 's' 'stalker' 't'",
                "Spider-Man 2", "'2' 'man' 'spider' 'spiderman'",
                "Dragon Quest – Echoes", "'dragon' 'echoes' 'quest'");
        jdbi.useHandle(h -> vectors.forEach((name, vector) -> assertThat(
                h.createQuery("SELECT library_search_vector(:name, NULL)::text").bind("name", name).mapTo(String.class).one())
                .as(name).isEqualTo(vector)));
    }

    @Test
    void theSortKeyDropsALeadingEnglishArticleUnlessASortNameIsGiven() {
        Map<List<String>, String> keys = new LinkedHashMap<>();
        keys.put(Arrays.asList("The Legend of Zelda", null), "legend of zelda");
        keys.put(Arrays.asList("A Hat in Time", null), "hat in time");
        keys.put(Arrays.asList("an Untitled Story", null), "untitled story");
        keys.put(Arrays.asList("A.I. Story", null), "a i story");
        keys.put(Arrays.asList("Theatrhythm", null), "theatrhythm");
        keys.put(Arrays.asList("The", null), "the");
        keys.put(Arrays.asList("Die Hard Trilogy", null), "die hard trilogy");
        keys.put(Arrays.asList("Ōkami", null), "okami");
        keys.put(Arrays.asList("The Legend of Zelda", "Zelda 1"), "zelda 1");
        keys.put(Arrays.asList("Final Fantasy VII", "The Final Fantasy 07"), "the final fantasy 07");
        keys.put(Arrays.asList("🐉", null), "🐉");
        jdbi.useHandle(h -> keys.forEach((args, key) -> assertThat(
                h.createQuery("SELECT library_sort_key(:name, :sortName)").bind("name", args.get(0))
                        .bind("sortName", args.get(1)).mapTo(String.class).one())
                .as(args.toString()).isEqualTo(key)));
    }

    @Test
    void mapsEditionsAndExternalIdsIntoTheirRecords() {
        jdbi.useTransaction(h -> {
            UUID gameId = h.attach(GameDao.class).insert(new GameValues("Okami", "okami-editions", null, null, null, null,
                    null, 2006, null, null, List.of("ps2"), null), NOW).orElseThrow().id();
            var editions = h.attach(EditionDao.class);
            Edition hd = editions.insert(gameId, "Okami HD", "okami-hd", "remaster", new String[] {"ps4", "pc"},
                    LocalDate.of(2017, 12, 12), "https://img/hd.jpg", "Remastered", 77L, "tw-1", NOW).orElseThrow();
            h.attach(ExternalIdDao.class).insertForGame(gameId, "steam", "587620", NOW);
            h.execute("INSERT INTO external_id (source, external_id, edition_id) VALUES ('gog', 'okami-hd', ?)", hd.id());

            assertThat(hd).isEqualTo(new Edition(hd.id(), gameId, "Okami HD", "okami-hd", "remaster", List.of("ps4", "pc"),
                    LocalDate.of(2017, 12, 12), "https://img/hd.jpg", "Remastered", 77L, "tw-1", null, NOW, NOW));
            assertThat(editions.findByTwitchCategory("tw-1")).contains(hd);
            assertThat(h.attach(ExternalIdDao.class).forGame(gameId)).containsExactly(
                    new ExternalId("gog", "okami-hd", null, hd.id(), "okami-hd"),
                    new ExternalId("steam", "587620", gameId, null, null));
        });
    }

    @Test
    void insertSkipsATakenSlugWithoutAbortingTheTransaction() {
        jdbi.useTransaction(h -> {
            var games = h.attach(GameDao.class);
            var values = new GameValues("Taken", "taken", null, null, null, null, null, null, null, null, List.of(), null);
            assertThat(games.insert(values, NOW)).isPresent();
            assertThat(games.insert(values.withSlug("taken"), NOW)).isEmpty();
            // still usable: the failed insert did not abort the transaction
            assertThat(games.insert(values.withSlug("taken-2"), NOW)).isPresent();
            assertThat(games.slugsLike("taken")).containsExactlyInAnyOrder("taken", "taken-2");
        });
    }
}
