package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static questlog.library.LibraryTestSupport.edition;
import static questlog.library.LibraryTestSupport.game;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.FieldError;
import questlog.common.InvalidInputException;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

class GameServiceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static final LibraryTestSupport.TestClock clock = new LibraryTestSupport.TestClock();
    static GameService games;
    static CatalogService catalog;

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
        games = new GameService(jdbi, clock, new RecordingEventLog());
        catalog = new CatalogService(jdbi, clock);
        catalog.createFranchise(new CreateFranchiseRequest("Mana", "mana"));
        catalog.createGenre(new CreateGenreRequest("Action RPG", "action-rpg", null, null));
        catalog.createGenre(new CreateGenreRequest("JRPG", "jrpg", null, null));
        catalog.createGenre(new CreateGenreRequest("Adventure", "adventure", null, null));
    }

    @Test
    void slugsComeFromTheFoldedNameWithSuffixesOnCollision() {
        assertThat(games.create(game("Pokémon Black")).game().slug()).isEqualTo("pokemon-black");
        assertThat(games.create(game("Pokemon  BLACK")).game().slug()).isEqualTo("pokemon-black-2");
        assertThat(games.create(game("pokémon black!")).game().slug()).isEqualTo("pokemon-black-3");
        assertThat(games.create(game("🎮")).game().slug()).isEqualTo("game");
    }

    @Test
    void aGivenSlugMustBeFree() {
        games.create(withSlug(game("Given Slug"), "given-slug"));
        assertThatThrownBy(() -> games.create(withSlug(game("Other"), "given-slug")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    }

    @Test
    void concurrentCreatesOfTheSameNameBothSucceedWithDifferentSlugs() throws Exception {
        int threads = 6;
        var barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(() -> {
                    barrier.await();
                    return games.create(game("Race Condition")).game().slug();
                });
            }
            List<String> slugs = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                slugs.add(f.get());
            }
            assertThat(slugs).containsExactlyInAnyOrder("race-condition", "race-condition-2", "race-condition-3",
                    "race-condition-4", "race-condition-5", "race-condition-6");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createsAnOriginalEditionWhenNoneIsGiven() {
        var details = games.create(game("Secret of Mana", "mana", List.of("jrpg"), 1993, List.of("snes", "switch")));
        assertThat(details.editions()).hasSize(1);
        Edition original = details.editions().getFirst();
        assertThat(original.slug()).isEqualTo("secret-of-mana");
        assertThat(original.name()).isEqualTo("Secret of Mana");
        assertThat(original.editionType()).isEqualTo("original");
        assertThat(original.platforms()).containsExactly("snes", "switch");
        assertThat(details.game().franchiseSlug()).isEqualTo("mana");
        assertThat(details.genres()).extracting(GameGenre::slug).containsExactly("jrpg");
        assertThat(details.game().createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void givenEditionsReplaceTheOriginalAndGetPrefixedSlugs() {
        var request = new CreateGameRequest("Trials of Mana", null, null, null, List.of(), null, null, null, null,
                List.of(), null, null, null, List.of(),
                List.of(edition("Seiken Densetsu 3"), edition("Trials of Mana Remake"), edition("Seiken Densetsu 3")));
        var details = games.create(request);
        assertThat(details.editions()).extracting(Edition::slug).containsExactly(
                "trials-of-mana-seiken-densetsu-3", "trials-of-mana-seiken-densetsu-3-2", "trials-of-mana-remake");
    }

    @Test
    void theOriginalEditionTakesASuffixWhenAnotherGameHoldsItsSlug() {
        var first = games.create(game("Okami"));
        games.addEdition(first.game().slug(), edition("HD")).orElseThrow();     // okami-hd
        var second = games.create(game("Okami HD"));                              // game slug okami-hd is free
        assertThat(second.game().slug()).isEqualTo("okami-hd");
        assertThat(second.editions().getFirst().slug()).isEqualTo("okami-hd-2");
    }

    @Test
    void primaryGenreIsAddedToTheGenres() {
        var request = new CreateGameRequest("Sword of Mana", null, null, null, List.of("jrpg"), "action-rpg", null,
                null, null, null, null, null, null, null, null);
        var details = games.create(request);
        assertThat(details.genres()).extracting(GameGenre::slug).containsExactly("action-rpg", "jrpg");
        assertThat(details.game().primaryGenreSlug()).isEqualTo("action-rpg");
    }

    @Test
    void unknownReferencesAreOne422NamingEachField() {
        var request = new CreateGameRequest("Dangling", null, null, "nope", List.of("jrpg", "missing"), "also-missing",
                null, null, null, null, null, "no-parent", "sequel", null, null);
        assertThatThrownBy(() -> games.create(request))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly("franchise", "genres", "primary_genre", "parent_game");
                });
        assertThat(games.get("dangling")).isEmpty();
    }

    @Test
    void duplicateIgdbOrExternalIdsAreConflictsAndWriteNothing() {
        games.create(new CreateGameRequest("Igdb One", null, null, null, null, null, null, null, null, null, 4242L,
                null, null, List.of(new ExternalIdInput("steam", "111")), null));
        var sameIgdb = new CreateGameRequest("Igdb Two", null, null, null, null, null, null, null, null, null, 4242L,
                null, null, null, null);
        assertThatThrownBy(() -> games.create(sameIgdb))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("igdb_id"));
        var sameSteam = new CreateGameRequest("Steam Two", null, null, null, null, null, null, null, null, null, null,
                null, null, List.of(new ExternalIdInput("gog", "1"), new ExternalIdInput("steam", "111")), null);
        assertThatThrownBy(() -> games.create(sameSteam))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.field()).isEqualTo("external_ids[1].external_id"));
        var sameEditionIgdb = new CreateGameRequest("Edition Dup", null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(edition("A"),
                        new CreateEditionRequest("B", null, null, null, null, null, null, 9L, null),
                        new CreateEditionRequest("C", null, null, null, null, null, null, 9L, null)));
        assertThatThrownBy(() -> games.create(sameEditionIgdb))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.field()).isEqualTo("editions[2].igdb_id"));
        assertThat(games.get("igdb-two")).isEmpty();
        assertThat(games.get("steam-two")).isEmpty();
        assertThat(games.get("edition-dup")).isEmpty();
        long gogIds = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM external_id WHERE source = 'gog' AND external_id = '1'")
                .mapTo(Long.class).one());
        assertThat(gogIds).isZero();
    }

    @Test
    void searchFoldsCaseAndAccents() {
        games.create(game("Ōkami Search"));
        games.create(game("100% Orange Juice"));
        games.create(game("Under_score"));
        assertThat(names(query(Map.of("q", "okami search")))).containsExactly("Ōkami Search");
        assertThat(names(query(Map.of("q", "ŌKAMI SEARCH")))).containsExactly("Ōkami Search");
        assertThat(names(query(Map.of("q", "100% o")))).containsExactly("100% Orange Juice");
        assertThat(names(query(Map.of("q", "UNDER_SC")))).containsExactly("Under_score");
        // words only: a query of symbols has none, and finds nothing
        assertThat(query(Map.of("q", "%")).total()).isZero();
    }

    @Test
    void filtersByFranchiseGenrePlatformOfGameOrEditionAndYear() {
        catalog.createFranchise(new CreateFranchiseRequest("Filters", "filters"));
        catalog.createGenre(new CreateGenreRequest("Filter Genre", "filter-genre", null, null));
        var a = games.create(game("Filter A", "filters", List.of("filter-genre"), 2001, List.of("filterbox")));
        var b = games.create(game("Filter B", "filters", List.of(), 2002, List.of()));
        games.addEdition(b.game().slug(), new CreateEditionRequest("Port", null, "port", List.of("filterbox"), null,
                null, null, null, null));
        games.create(game("Filter C", null, List.of("filter-genre"), 2002, List.of()));

        assertThat(names(query(Map.of("franchise", "filters")))).containsExactly("Filter A", "Filter B");
        assertThat(names(query(Map.of("genre", "filter-genre")))).containsExactly("Filter A", "Filter C");
        assertThat(names(query(Map.of("platform", "filterbox")))).containsExactly("Filter A", "Filter B");
        assertThat(names(query(Map.of("year", "2002", "q", "filter")))).containsExactly("Filter B", "Filter C");
        assertThat(names(query(Map.of("franchise", "filters", "year", "2002")))).containsExactly("Filter B");
        assertThat(query(Map.of("franchise", "no-such-franchise")).total()).isZero();
        // a full page is counted; a lone genre or platform from its link table alone
        assertThat(query(Map.of("platform", "filterbox", "limit", "1")).total()).isEqualTo(2);
        assertThat(query(Map.of("genre", "filter-genre", "limit", "1")).total()).isEqualTo(2);
        assertThat(query(Map.of("platform", "filterbox", "franchise", "filters", "limit", "1")).total()).isEqualTo(2);
        // a game's platforms, its own and its editions', follow their changes (Filter A keeps
        // filterbox through the original edition it was created with)
        try {
            games.update(a.game().slug(), patch("{\"platforms\": [\"filterbox\", \"otherbox\"]}"));
            assertThat(names(query(Map.of("platform", "otherbox")))).containsExactly("Filter A");
            games.update(a.game().slug(), patch("{\"platforms\": []}"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(query(Map.of("platform", "otherbox")).total()).isZero();
        assertThat(names(query(Map.of("platform", "filterbox")))).containsExactly("Filter A", "Filter B");
        games.delete(b.game().slug());
        assertThat(names(query(Map.of("platform", "filterbox")))).containsExactly("Filter A");
        assertThat(query(Map.of("platform", "filterbox", "limit", "1")).total()).isEqualTo(1);
        assertThat(query(Map.of("platform", "otherbox", "offset", "1", "limit", "1")).total()).isZero();
    }

    @Test
    void pagesAndSortsWithSlugAsTiebreak() {
        for (String name : List.of("Sort b", "Sort B", "Sort a", "Sort Ä")) {
            clock.advanceSeconds(1);
            games.create(game(name, null, null, name.equals("Sort a") ? null : 1999, null));
        }
        // case and accents do not count in the name order: equal keys go by slug (sort-a, sort-a-2, sort-b, sort-b-2)
        assertThat(names(query(Map.of("q", "sort", "sort", "name")))).containsExactly("Sort a", "Sort Ä", "Sort b", "Sort B");
        assertThat(names(query(Map.of("q", "sort", "sort", "-name")))).containsExactly("Sort B", "Sort b", "Sort Ä", "Sort a");
        // the relevance order of a search: all four have the whole word "sort", so by name
        assertThat(names(query(Map.of("q", "sort")))).containsExactly("Sort a", "Sort Ä", "Sort b", "Sort B");
        // same year: by slug (sort-a-2, sort-b, sort-b-2); unknown year last
        assertThat(names(query(Map.of("q", "sort", "sort", "year")))).containsExactly("Sort Ä", "Sort b", "Sort B", "Sort a");
        assertThat(names(query(Map.of("q", "sort", "sort", "-year")))).containsExactly("Sort Ä", "Sort b", "Sort B", "Sort a");
        assertThat(names(query(Map.of("q", "sort", "sort", "-created")))).containsExactly("Sort Ä", "Sort a", "Sort B", "Sort b");

        var page = query(Map.of("q", "sort", "limit", "3", "offset", "0"));
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.games()).hasSize(3);
        var last = query(Map.of("q", "sort", "limit", "3", "offset", "3"));
        assertThat(last.total()).isEqualTo(4);
        assertThat(names(last)).containsExactly("Sort B");
        var beyond = query(Map.of("q", "sort", "limit", "3", "offset", "9"));
        assertThat(beyond.total()).isEqualTo(4);
        assertThat(beyond.games()).isEmpty();
    }

    @Test
    void listsTheGenresOfEachGameOnThePage() {
        games.create(game("Genre Page One", null, List.of("jrpg", "adventure"), null, null));
        games.create(game("Genre Page Two", null, List.of("action-rpg"), null, null));
        var listing = query(Map.of("q", "genre page"));
        assertThat(listing.games()).hasSize(2);
        assertThat(listing.genres().get(listing.games().get(0).id())).extracting(GameGenre::slug)
                .containsExactly("adventure", "jrpg");
        assertThat(listing.genres().get(listing.games().get(1).id())).extracting(GameGenre::slug)
                .containsExactly("action-rpg");
    }

    @Test
    void patchChangesOnlyWhatIsSentAndClearsNulls() throws Exception {
        games.create(new CreateGameRequest("Patch Me", null, "Patch Me, The", "mana", List.of("jrpg"), "jrpg", 2000,
                "A summary", "https://img/p.jpg", List.of("pc"), 555L, null, null,
                List.of(new ExternalIdInput("steam", "555")), null));
        clock.advanceSeconds(60);
        var updated = games.update("patch-me", patch("""
                {"summary": null, "cover_url": "", "original_release_year": 2001, "genres": ["adventure"],
                 "external_ids": [{"source": "gog", "external_id": "g-555"}]}""")).orElseThrow();
        Game game = updated.game();
        assertThat(game.name()).isEqualTo("Patch Me");
        assertThat(game.sortName()).isEqualTo("Patch Me, The");
        assertThat(game.franchiseSlug()).isEqualTo("mana");
        assertThat(game.summary()).isNull();
        assertThat(game.coverUrl()).isNull();
        assertThat(game.originalReleaseYear()).isEqualTo(2001);
        assertThat(game.platforms()).containsExactly("pc");
        assertThat(game.igdbId()).isEqualTo(555L);
        assertThat(updated.genres()).extracting(GameGenre::slug).containsExactly("adventure");
        assertThat(game.primaryGenreSlug()).as("replacing genres drops a primary no longer listed").isNull();
        assertThat(updated.externalIds()).extracting(ExternalId::source).containsExactly("gog");
        assertThat(game.updatedAt()).isAfter(game.createdAt());

        var renamed = games.update("patch-me", patch("""
                {"name": "Patched", "slug": "patched", "primary_genre": "jrpg", "franchise": null}""")).orElseThrow();
        assertThat(renamed.game().slug()).isEqualTo("patched");
        assertThat(renamed.game().franchiseId()).isNull();
        assertThat(renamed.genres()).extracting(GameGenre::slug).containsExactly("adventure", "jrpg");
        assertThat(names(query(Map.of("q", "patched")))).containsExactly("Patched");
        assertThat(games.get("patch-me")).isEmpty();
    }

    @Test
    void patchRejectsClearingTheNameUnknownFieldsAndCycles() throws Exception {
        games.create(game("Cycle Parent"));
        games.create(new CreateGameRequest("Cycle Child", null, null, null, null, null, null, null, null, null, null,
                "cycle-parent", "sequel", null, null));
        assertThatThrownBy(() -> patch("{\"name\": null}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> patch("{\"nme\": \"typo\"}"))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> games.update("cycle-parent", patch("{\"parent_game\": \"cycle-child\", \"relationship_type\": \"prequel\"}")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("parent_game"));
        assertThatThrownBy(() -> games.update("cycle-child", patch("{\"relationship_type\": null}")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("relationship_type"));

        var detached = games.update("cycle-child", patch("{\"parent_game\": null}")).orElseThrow();
        assertThat(detached.game().parentGameId()).isNull();
        assertThat(detached.game().relationshipType()).isNull();
    }

    @Test
    void patchToATakenSlugIsAConflict() throws Exception {
        games.create(game("Slug Holder"));
        games.create(game("Slug Wanter"));
        assertThatThrownBy(() -> games.update("slug-wanter", patch("{\"slug\": \"slug-holder\"}")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    }

    @Test
    void deleteCascadesAndDetachesChildren() {
        var parent = games.create(new CreateGameRequest("Doomed", null, null, null, List.of("jrpg"), null, null, null,
                null, null, null, null, null, List.of(new ExternalIdInput("psn", "doomed")), null));
        games.create(new CreateGameRequest("Orphan", null, null, null, null, null, null, null, null, null, null,
                "doomed", "expansion", null, null));
        assertThat(games.delete("doomed")).isTrue();
        assertThat(games.delete("doomed")).isFalse();
        assertThat(games.get("doomed")).isEmpty();
        Game orphan = games.get("orphan").orElseThrow().game();
        assertThat(orphan.parentGameId()).isNull();
        assertThat(orphan.relationshipType()).isNull();
        long leftovers = jdbi.withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM edition WHERE game_id = :id) + (SELECT count(*) FROM game_genre WHERE game_id = :id)
                     + (SELECT count(*) FROM external_id WHERE external_id = 'doomed')""")
                .bind("id", parent.game().id()).mapTo(Long.class).one());
        assertThat(leftovers).isZero();
    }

    @Test
    void aPatchHoldsTheGameSoAConcurrentDeleteWaitsForIt() throws Exception {
        games.create(game("Held"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (var handle = jdbi.open()) {
            handle.begin();
            assertThat(handle.attach(GameDao.class).lockBySlug("held")).isPresent();
            Future<Boolean> delete = pool.submit(() -> games.delete("held"));
            Thread.sleep(300);
            assertThat(delete).isNotDone();
            handle.commit();
            assertThat(delete.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void editionSlugsArePrefixedWithTheGameUnlessTheNameAlreadyIs() {
        assertThat(GameService.editionSlugBase("okami", "Ōkami HD")).isEqualTo("okami-hd");
        assertThat(GameService.editionSlugBase("okami", "Switch")).isEqualTo("okami-switch");
        assertThat(GameService.editionSlugBase("okami", "Okami")).isEqualTo("okami");
        assertThat(GameService.editionSlugBase("okami", "💿")).isEqualTo("okami-edition");
        assertThat(games.addEdition("no-such-game", edition("X"))).isEmpty();
    }

    private static GameService.Listing query(Map<String, String> params) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return games.list(GameQuery.parse(multi));
    }

    private static List<String> names(GameService.Listing listing) {
        return listing.games().stream().map(Game::name).toList();
    }

    private static UpdateGameRequest.Patch patch(String json) throws Exception {
        return LibraryTestSupport.patch(json);
    }

    private static CreateGameRequest withSlug(CreateGameRequest r, String slug) {
        return new CreateGameRequest(r.name(), slug, r.sortName(), r.franchise(), r.genres(), r.primaryGenre(),
                r.originalReleaseYear(), r.summary(), r.coverUrl(), r.platforms(), r.igdbId(), r.parentGame(),
                r.relationshipType(), r.externalIds(), r.editions());
    }
}
