package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.TestDatabase;

/**
 * The plain-JDBC reads build the very records the SqlObject DAOs build, for a game with every
 * field filled (and one with every field it may leave null), also once the driver has switched
 * the statements to server-prepared ones with binary results (after five uses on a connection).
 */
class CatalogReadsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static final Instant NOW = Instant.parse("2026-02-03T04:05:06.789012Z");
    static UUID full;
    static UUID bare;

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
        jdbi.useTransaction(h -> {
            var franchise = h.attach(FranchiseDao.class).insert("Ōkami", "okami", NOW).orElseThrow();
            var genres = h.attach(GenreDao.class);
            var action = genres.insert("Action", "action", 1L, null, NOW).orElseThrow();
            var adventure = genres.insert("Äventyr", "adventure", null, null, NOW).orElseThrow();
            var zen = genres.insert("Zen \"quoted\"", "zen", 3L, null, NOW).orElseThrow();
            var games = h.attach(GameDao.class);
            bare = games.insert(new GameValues("Bare", "bare", null, null, null, null, null, null, null, null,
                    List.of(), null), NOW).orElseThrow().id();
            full = games.insert(new GameValues("Ōkami HD 🎮", "okami-hd", "Okami, HD", franchise.id(), bare, "sequel",
                    zen.id(), 2017, "line\nbreak \\ tab\t", "https://img/o.jpg", List.of("switch", "pc", "ps4"),
                    987654321012L), NOW).orElseThrow().id();
            h.attach(GameGenreDao.class).link(full, new UUID[] {zen.id(), action.id(), adventure.id()});
            var editions = h.attach(EditionDao.class);
            var dated = editions.insert(full, "Original", "okami-original", "original", new String[] {"ps2"},
                    LocalDate.of(1006, 4, 20), null, null, null, null, NOW).orElseThrow();
            editions.insert(full, "Undated", "okami-undated", "port", new String[] {}, null, "https://img/u.jpg",
                    "Summary", 77L, "tw-9", NOW).orElseThrow();
            h.attach(ExternalIdDao.class).insertForGame(full, "steam", "587620", NOW);
            h.execute("INSERT INTO external_id (source, external_id, edition_id) VALUES ('gog', 'okami', ?)", dated.id());
            h.execute("UPDATE game SET last_synced_at = '0999-12-31 23:59:59.999999+00' WHERE id = ?", full);
            h.execute("UPDATE edition SET last_synced_at = '2026-01-01 00:00:00.000001+00' WHERE id = ?", dated.id());
        });
    }

    /**
     * Two sections as other modules write them: one naming the game's id twice and whether private
     * things show, one reading nothing; they come back after the library's part, by name.
     */
    static final List<GameDetailSection<?>> SECTIONS = List.of(
            new GameDetailSection<>("echo", String.class, """
                    SELECT g.slug || ' ' || CAST(:private AS text) FROM game_ref g WHERE g.id = :game
                    UNION ALL SELECT e.slug FROM edition_ref e WHERE e.game_id = :game ORDER BY 1""",
                    (rows, handle, game, seesPrivate) -> JdbcReads.rows(rows, rs -> game.name() + ": " + rs.getString(1))),
            new GameDetailSection<>("none", String.class, "SELECT 'x' WHERE false",
                    (rows, handle, game, seesPrivate) -> JdbcReads.rows(rows, rs -> rs.getString(1))));

    @Test
    void aDetailIsWhatTheDaosReadWithTheSectionsInTheSameRoundTrip() {
        var reads = new CatalogReads.DetailReads(SECTIONS);
        // one handle, so one connection: its statements pass the driver's prepare threshold
        jdbi.useTransaction(h -> {
            for (int use = 0; use < 8; use++) {
                for (UUID id : List.of(full, bare)) {
                    boolean seesPrivate = use % 2 == 0;
                    CatalogReads.Detail expected = viaDaos(h, id, seesPrivate);
                    assertThat(reads.byId(h, id, seesPrivate)).contains(expected);
                    assertThat(reads.bySlug(h, expected.game().slug(), seesPrivate)).contains(expected);
                }
                assertThat(reads.bySlug(h, "no-such-game", true)).isEmpty();
            }
        });
        CatalogReads.Detail detail = jdbi.inTransaction(h -> reads.byId(h, full, false)).orElseThrow();
        assertThat(detail.genres()).extracting(GameGenre::slug).containsExactly("action", "zen", "adventure");
        assertThat(detail.editions()).extracting(Edition::slug).containsExactly("okami-original", "okami-undated");
        assertThat(detail.game().lastSyncedAt()).isNotNull();
        assertThat(detail.sections()).containsExactly(
                Map.entry("echo", List.of("Ōkami HD 🎮: okami-hd false", "Ōkami HD 🎮: okami-original",
                        "Ōkami HD 🎮: okami-undated")),
                Map.entry("none", List.of()));
    }

    @Test
    void aSectionNamesOnlyTheGameAndWhetherPrivateThingsShow() {
        assertThatThrownBy(() -> new GameDetailSection<>("bad", String.class, "SELECT :slug",
                (rows, handle, game, seesPrivate) -> List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slug");
    }

    @Test
    void aPageIsWhatTheDaosRead() {
        jdbi.useTransaction(h -> {
            for (int use = 0; use < 8; use++) {
                for (Map<String, List<String>> params : List.of(Map.<String, List<String>>of(),
                        Map.of("limit", List.of("1")), Map.of("limit", List.of("1"), "offset", List.of("1")),
                        Map.of("platform", List.of("ps2")), Map.of("genre", List.of("zen"), "limit", List.of("1")),
                        Map.of("q", List.of("okami")), Map.of("sort", List.of("-year")))) {
                    GameService.Listing listing = CatalogReads.list(h, GameQuery.parse(params));
                    var dao = h.attach(GameDao.class);
                    assertThat(listing.games()).as(params.toString())
                            .isNotEmpty()
                            .allSatisfy(g -> assertThat(dao.findById(g.id())).contains(g));
                    UUID[] ids = listing.games().stream().map(Game::id).toArray(UUID[]::new);
                    assertThat(listing.genres()).as(params.toString()).isEqualTo(h.attach(GameGenreDao.class)
                            .forGames(ids).stream().collect(Collectors.groupingBy(GameGenre::gameId)));
                }
            }
        });
        assertThat(jdbi.inTransaction(h -> CatalogReads.list(h, GameQuery.parse(Map.of("limit", List.of("1"))))).total())
                .isEqualTo(2);
    }

    /**
     * A full page and a page past the end count their total (sent with the rows, or alone); a
     * short page tells it from its length: the three agree for every kind of filter.
     */
    @Test
    void aCountedTotalIsWhatAShortPageShows() {
        jdbi.useHandle(h -> {
            for (int use = 0; use < 6; use++) {
                for (Map<String, List<String>> filter : List.of(Map.<String, List<String>>of(),
                        Map.of("platform", List.of("ps2")), Map.of("genre", List.of("zen")),
                        Map.of("q", List.of("okami")), Map.of("q", List.of("okami"), "sort", List.of("-name")),
                        Map.of("q", List.of("okami"), "platform", List.of("ps2")),
                        Map.of("genre", List.of("zen"), "platform", List.of("pc")),
                        Map.of("genre", List.of("none")))) {
                    var all = CatalogReads.list(h, GameQuery.parse(with(filter, "limit", "100")));
                    assertThat(all.total()).as(filter.toString()).isEqualTo(all.games().size());
                    assertThat(CatalogReads.list(h, GameQuery.parse(with(filter, "limit", "1"))).total())
                            .as("a full page, " + filter).isEqualTo(all.total());
                    var past = CatalogReads.list(h, GameQuery.parse(with(with(filter, "limit", "1"), "offset", "50")));
                    assertThat(past.games()).isEmpty();
                    assertThat(past.total()).as("past the end, " + filter).isEqualTo(all.total());
                }
            }
        });
    }

    private static Map<String, List<String>> with(Map<String, List<String>> params, String name, String value) {
        Map<String, List<String>> out = new LinkedHashMap<>(params);
        out.put(name, List.of(value));
        return out;
    }

    /** The detail as the DAOs read it, and the sections each run alone. */
    private static CatalogReads.Detail viaDaos(Handle h, UUID id, boolean seesPrivate) {
        Game game = h.attach(GameDao.class).findById(id).orElseThrow();
        var ref = new GameLookup.GameRef(game.id(), game.slug(), game.name());
        Map<String, List<?>> sections = new LinkedHashMap<>();
        SECTIONS.forEach(section -> sections.put(section.name(), section.read(h, ref, seesPrivate)));
        return new CatalogReads.Detail(game,
                h.attach(GameGenreDao.class).forGames(new UUID[] {id}), h.attach(EditionDao.class).forGame(id),
                h.attach(ExternalIdDao.class).forGame(id), sections);
    }
}
