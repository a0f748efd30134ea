package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.testsupport.FakeIgdbCatalog.ExternalGame;
import questlog.testsupport.FakeIgdbCatalog.Game;

/** Two tests here measure time, so the class runs alone. */
@Isolated
class FakeIgdbCatalogTest {

    @Test
    void generatesTenThousandGames() {
        // No wall-clock bound: timings belong in benchmarks, not in tests on a shared machine.
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(10_000, 42);

        assertThat(catalog.games()).hasSize(10_000);
    }

    @Test
    void generatedGamesAreUniqueMainGamesWithOneSteamRowEach() {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(10_000, 42);

        List<Game> games = catalog.games();
        assertThat(games).extracting(Game::id).containsExactlyElementsOf(LongStream.rangeClosed(1, 10_000).boxed().toList());
        assertThat(games.stream().map(Game::name).collect(Collectors.toSet())).hasSize(10_000);
        assertThat(games).allSatisfy(g -> {
            assertThat(g.gameType()).isZero();
            assertThat(g.cover()).isNotNull();
            assertThat(g.genres()).hasSizeBetween(1, 3);
            assertThat(g.platforms()).isNotEmpty();
        });
        assertThat(games).anySatisfy(g -> assertThat(g.franchise()).isNotNull());
        assertThat(catalog.externalGames()).hasSize(10_000).allSatisfy(e -> {
            assertThat(e.externalGameSource()).isEqualTo(FakeIgdbCatalog.STEAM);
            assertThat(e.uid()).isEqualTo(String.valueOf(100_000 + e.game()));
        });
    }

    @Test
    void theSameSeedGivesTheSameCatalog() {
        assertThat(FakeIgdbCatalog.generated(500, 7).games()).isEqualTo(FakeIgdbCatalog.generated(500, 7).games());
        assertThat(FakeIgdbCatalog.generated(500, 7).games()).isNotEqualTo(FakeIgdbCatalog.generated(500, 8).games());
    }

    @Test
    void generatedIdsCanStartElsewhere() {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.generated(3, 1, 5000);

        assertThat(catalog.games()).extracting(Game::id).containsExactly(5000L, 5001L, 5002L);
        assertThat(catalog.externalGames()).extracting(ExternalGame::uid).containsExactly("100001", "100002", "100003");
    }

    @Test
    void answersA500IdQueryOnTenThousandGamesQuickly() {
        try (FakeIgdb igdb = FakeIgdb.start(FakeIgdbCatalog.generated(10_000, 42))) {
            igdb.enforceRateLimit(false);
            IgdbHttp client = new IgdbHttp(igdb);
            String ids = LongStream.rangeClosed(9_001, 9_500).mapToObj(Long::toString).collect(Collectors.joining(","));
            String uids = LongStream.rangeClosed(100_001, 100_500).mapToObj(i -> "\"" + i + "\"")
                    .collect(Collectors.joining(","));
            String byIds = "fields name, cover.image_id, genres.name, platforms, external_games.uid; where id = ("
                    + ids + "); limit 500;";
            String byUids = "fields game, uid; where external_game_source = 1 & uid = (" + uids + "); limit 500;";
            client.query("games", byIds); // warm up

            long start = System.nanoTime();
            JsonNode games = client.query("games", byIds);
            JsonNode rows = client.query("external_games", byUids);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(games).hasSize(500);
            assertThat(games.get(0).get("external_games").get(0).get("uid").asText()).isEqualTo("109001");
            assertThat(rows).hasSize(500);
            // Generous: it only catches a lookup that scans the catalog per id (seconds, not milliseconds).
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void theRealisticCatalogHoldsTheAdvertisedGames() {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.realistic();

        assertThat(catalog.game(72)).hasValueSatisfying(g -> {
            assertThat(g.name()).isEqualTo("Portal 2");
            assertThat(g.firstReleaseDate()).isEqualTo(1_303_171_200L);
            assertThat(g.cover().imageId()).isEqualTo("co1rs4");
        });
        assertThat(catalog.externalGamesOf(72)).extracting(ExternalGame::uid).containsExactly("620");
        assertThat(catalog.externalGamesOf(2963)).extracting(ExternalGame::uid).containsExactly("570");
        assertThat(catalog.game(1942)).hasValueSatisfying(g -> assertThat(g.cover().imageId()).isEqualTo("co1wyy"));
        assertThat(catalog.externalGames()).filteredOn(e -> e.uid().equals("1145360"))
                .extracting(ExternalGame::game).containsExactly(113112L);
        // one Steam appid, two games: the main game and an edition pointing at it
        assertThat(catalog.externalGames()).filteredOn(e -> e.uid().equals("292030"))
                .extracting(ExternalGame::game).containsExactlyInAnyOrder(1942L, 22439L);
        assertThat(catalog.game(22439)).hasValueSatisfying(g -> assertThat(g.versionParent()).isEqualTo(1942L));
        assertThat(catalog.games()).filteredOn(g -> g.name().equals("Resident Evil")).hasSize(2);
        assertThat(catalog.games()).filteredOn(g -> g.gameType() == 1)
                .allSatisfy(g -> assertThat(g.parentGame()).isNotNull()).isNotEmpty();
        Set<String> platformSlugs = new HashSet<>();
        catalog.platforms().forEach(p -> platformSlugs.add(p.id() + "=" + p.slug()));
        assertThat(platformSlugs).contains("6=win", "48=ps4--1", "167=ps5", "130=switch", "49=xboxone");
        assertThat(catalog.genres()).extracting(FakeIgdbCatalog.Genre::id).contains(9L, 5L, 12L, 31L);
    }

    @Test
    void theBuilderRejectsDanglingReferences() {
        assertThatThrownBy(() -> FakeIgdbCatalog.builder().game(1, "Lonely", g -> g.genres(99)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genres");
        assertThatThrownBy(() -> FakeIgdbCatalog.builder().externalGame(1, 42, FakeIgdbCatalog.STEAM, "1", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown game 42");
        assertThatThrownBy(() -> FakeIgdbCatalog.builder().game(1, "Odd", g -> g.gameType("sequel")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHandMadeCatalogIsServed() {
        FakeIgdbCatalog catalog = FakeIgdbCatalog.builder()
                .genre(12, "Role-playing (RPG)")
                .platform(6, "PC (Microsoft Windows)", "win", "PC")
                .game(1, "Tiny Quest", g -> g.genres(12).platforms(6).cover(10, "coabc", 264, 374).steam(100, "4242"))
                .build();

        try (FakeIgdb igdb = FakeIgdb.start(catalog)) {
            JsonNode games = new IgdbHttp(igdb).query("games",
                    "fields name, slug, genres.slug, cover.image_id; where external_games.uid = \"4242\";");

            assertThat(games).isEqualTo(IgdbHttp.json("""
                    [{"id": 1, "name": "Tiny Quest", "slug": "tiny-quest",
                      "cover": {"id": 10, "image_id": "coabc"},
                      "genres": [{"id": 12, "slug": "role-playing-rpg"}]}]"""));
        }
    }
}
