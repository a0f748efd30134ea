package questlog.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
            assertThat(h.createQuery("SELECT search_text FROM game WHERE id = :id").bind("id", key.id())
                    .mapTo(String.class).one()).isEqualTo("crisis core");
        });
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

    @Test
    void escapesLikeWildcardsSoTheyMatchLiterally() {
        assertThat(GameDao.escapeLike("100%_\\")).isEqualTo("100\\%\\_\\\\");
    }
}
