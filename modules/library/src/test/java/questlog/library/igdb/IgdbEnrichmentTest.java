package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.library.catalog.CreateGameRequest;
import questlog.library.catalog.ExternalIdInput;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameService;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;
import questlog.testsupport.TestJobContext;

/** Enrichment over a small real-shaped library: appids first, names second, ambiguity reported. */
class IgdbEnrichmentTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static Jdbi jdbi;
    static FakeIgdb fake;
    static IgdbClient client;
    static GameService games;
    static final RecordingEventLog events = new RecordingEventLog();

    @BeforeAll
    static void start() {
        jdbi = LibraryTestSupport.jdbi(db);
        fake = FakeIgdb.start(FakeIgdbCatalog.realistic());
        // Each test's client has a fresh rate limiter; the server's own check is IgdbRateLimitTest's subject.
        fake.enforceRateLimit(false);
        client = new IgdbClient(IgdbSettings.defaults(FakeIgdb.CLIENT_ID, FakeIgdb.CLIENT_SECRET)
                .withUrls(fake.igdbBaseUrl(), fake.tokenUrl())
                .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(50)),
                jdbi, LibraryTestSupport.json(), Clock.systemUTC());
        games = new GameService(jdbi, Clock.systemUTC(), events);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fake.close();
    }

    static void add(String name, Integer year, String steamAppid) {
        var ids = steamAppid == null ? List.<ExternalIdInput>of() : List.of(new ExternalIdInput("steam", steamAppid));
        games.create(new CreateGameRequest(name, null, null, null, null, null, year, null, null, null, null, null, null,
                ids, null));
    }

    IgdbEnrichment.Progress run() throws Exception {
        return run(false);
    }

    IgdbEnrichment.Progress run(boolean dryRun) throws Exception {
        var job = new IgdbEnrichment(jdbi, client, new IgdbMetadata(LibraryTestSupport.json()), events,
                Clock.systemUTC());
        return (IgdbEnrichment.Progress) job.run(new TestJobContext(Map.of("dry_run", dryRun)));
    }

    @Test
    void fillsWhatItCanBeSureOfAndReportsTheRest() throws Exception {
        add("Portal 2", null, "620");              // appid → 72
        add("dota 2", null, "570");                // appid, whatever the name's case
        add("Hades", null, "1145360");
        add("The Witcher 3: Wild Hunt", null, null); // exact name
        add("Resident Evil", null, null);          // two games of that name: ambiguous
        add("Resident Evil", 2002, null);          // the year settles it
        add("A Game IGDB Never Heard Of", null, null);

        String untouched = snapshot();
        IgdbEnrichment.Progress dry = run(true);
        assertThat(dry.matched()).isEqualTo(5);
        assertThat(dry.dryRun()).isTrue();
        assertThat(snapshot()).isEqualTo(untouched);

        IgdbEnrichment.Progress result = run();

        assertThat(result.examined()).isEqualTo(7);
        assertThat(result.matched()).isEqualTo(5);
        assertThat(result.ambiguous()).isEqualTo(1);
        assertThat(result.notFound()).isEqualTo(1);
        assertThat(result.reports()).extracting(IgdbEnrichment.Report::outcome)
                .containsExactlyInAnyOrder("ambiguous", "not_found");
        IgdbEnrichment.Report ambiguous = result.reports().stream()
                .filter(r -> r.outcome().equals("ambiguous")).findFirst().orElseThrow();
        assertThat(ambiguous.candidates()).extracting(IgdbEnrichment.Candidate::igdbId)
                .containsExactlyInAnyOrder(974L, 1131L);

        Map<String, Object> portal = jdbi.withHandle(h -> h.createQuery("""
                        SELECT g.igdb_id, g.cover_url, g.original_release_year, g.platforms::text AS platforms,
                               g.last_synced_at IS NOT NULL AS synced, g.igdb_data ->> 'name' AS raw_name,
                               e.release_date::text AS released, e.igdb_id AS edition_igdb
                        FROM game g JOIN edition e ON e.game_id = g.id WHERE g.slug = 'portal-2'""")
                .mapToMap().one());
        assertThat(portal).containsEntry("igdb_id", 72L).containsEntry("original_release_year", 2011)
                .containsEntry("synced", true).containsEntry("raw_name", "Portal 2")
                .containsEntry("released", "2011-04-19").containsEntry("edition_igdb", 72L);
        assertThat((String) portal.get("cover_url")).contains("/t_cover_big/");
        assertThat((String) portal.get("platforms")).contains("pc");
        long igdbGenres = jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
                        JOIN game g ON g.id = gg.game_id WHERE g.slug = 'portal-2' AND ge.igdb_id IS NOT NULL""")
                .mapTo(Long.class).one());
        assertThat(igdbGenres).isPositive();
        long remake = jdbi.withHandle(h -> h.createQuery("SELECT igdb_id FROM game WHERE name = 'Resident Evil' "
                + "AND original_release_year = 2002").mapTo(Long.class).one());
        assertThat(remake).isEqualTo(1131L);

        // A re-run finds only the two it could not settle and changes nothing; the one new request is
        // the exact-name lookup of just those two names (the search for the unknown one is cached).
        int requestsBefore = fake.igdbRequests();
        String before = snapshot();
        IgdbEnrichment.Progress again = run();
        assertThat(again.examined()).isEqualTo(2);
        assertThat(again.matched()).isZero();
        assertThat(fake.igdbRequests()).isEqualTo(requestsBefore + 1);
        assertThat(snapshot()).isEqualTo(before);
    }

    static String snapshot() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT string_agg(slug || ':' || coalesce(igdb_id::text, '-') || ':' || updated_at::text, ','
                                          ORDER BY slug) FROM game""")
                .mapTo(String.class).one());
    }
}
