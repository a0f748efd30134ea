package questlog.library.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.dataset.DatasetImporter;
import questlog.common.dataset.DatasetProblem;
import questlog.common.dataset.ImportReport;
import questlog.library.LibraryModule;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/**
 * A bench dataset imported into a library that is not empty: genres, franchises and games the
 * library already has under other ids (the same slug; for games the same igdb id first) are
 * matched onto them and reported as {@code matched}; records without a match keep their ids;
 * what cannot be matched unambiguously is a 422 problem and nothing is written.
 */
class ImportMatchingTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = LibraryTestSupport.json();
    static final UUID LIBRARY_RPG = UUID.fromString("10000000-0000-4000-8000-000000000001");
    static final UUID LIBRARY_ZELDA = UUID.fromString("10000000-0000-4000-8000-000000000002");
    static final UUID LIBRARY_OKAMI = UUID.fromString("10000000-0000-4000-8000-000000000003");
    static final UUID LIBRARY_CELESTE = UUID.fromString("10000000-0000-4000-8000-000000000004");
    static final UUID LIBRARY_CELESTE_EDITION = UUID.fromString("10000000-0000-4000-8000-000000000005");
    static final String DOC_RPG = "20000000-0000-4000-8000-000000000001";
    static final String DOC_ZELDA = "20000000-0000-4000-8000-000000000002";
    static final String DOC_OKAMI = "20000000-0000-4000-8000-000000000003";
    static final String DOC_CELESTE = "20000000-0000-4000-8000-000000000004";
    static final String DOC_NEW_GAME = "20000000-0000-4000-8000-000000000005";
    static final String DOC_OKAMI_EDITION = "20000000-0000-4000-8000-000000000006";
    static final String DOC_CELESTE_EDITION = "20000000-0000-4000-8000-000000000007";
    static final String DOC_PUZZLE = "20000000-0000-4000-8000-000000000008";
    static Jdbi jdbi;
    DatasetImporter importer;

    @BeforeAll
    static void connect() {
        jdbi = LibraryTestSupport.jdbi(db);
    }

    /** The library: genre rpg, franchise zelda, Ōkami (igdb 1234) under the slug okami-hd, Celeste with its edition. */
    @BeforeEach
    void library() {
        jdbi.useHandle(h -> {
            h.execute("TRUNCATE game_genre, external_id, edition, game, franchise, genre CASCADE");
            h.createUpdate("INSERT INTO genre (id, slug, name) VALUES (:id, 'rpg', 'Role-playing')").bind("id", LIBRARY_RPG).execute();
            h.createUpdate("INSERT INTO franchise (id, slug, name) VALUES (:id, 'zelda', 'Zelda')").bind("id", LIBRARY_ZELDA).execute();
            h.createUpdate("INSERT INTO game (id, slug, name, igdb_id) VALUES (:id, 'okami-hd', 'Okami HD', 1234)")
                    .bind("id", LIBRARY_OKAMI).execute();
            h.createUpdate("INSERT INTO game (id, slug, name) VALUES (:id, 'celeste', 'Celeste')").bind("id", LIBRARY_CELESTE).execute();
            h.createUpdate("INSERT INTO edition (id, game_id, slug, name) VALUES (:id, :game, 'celeste-original', 'Celeste')")
                    .bind("id", LIBRARY_CELESTE_EDITION).bind("game", LIBRARY_CELESTE).execute();
        });
        importer = new DatasetImporter(jdbi, JSON, new LibraryTestSupport.TestClock(),
                new LibraryModule(jdbi, JSON, new LibraryTestSupport.TestClock(), new RecordingEventLog()).datasetSections());
    }

    /** The bench document: the same vocabulary under its own ids, and one game and one genre the library lacks. */
    static ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode().put("format", "questlog-bench-dataset").put("version", 1);
        ArrayNode genres = doc.putArray("genres");
        genres.addObject().put("id", DOC_RPG).put("slug", "rpg").put("name", "RPG");
        genres.addObject().put("id", DOC_PUZZLE).put("slug", "puzzle").put("name", "Puzzle");
        doc.putArray("franchises").addObject().put("id", DOC_ZELDA).put("slug", "zelda").put("name", "Zelda");
        ArrayNode games = doc.putArray("games");
        game(games, DOC_OKAMI, "okami", "Okami", 1234L, null, "rpg");
        game(games, DOC_CELESTE, "celeste", "Celeste", null, null, "puzzle");
        game(games, DOC_NEW_GAME, "breath-of-the-wild", "Breath of the Wild", 7346L, "zelda", "rpg");
        ArrayNode editions = doc.putArray("editions");
        edition(editions, DOC_OKAMI_EDITION, "okami-original", "okami");
        edition(editions, DOC_CELESTE_EDITION, "celeste-original", "celeste");
        return doc;
    }

    static void game(ArrayNode games, String id, String slug, String name, Long igdbId, String franchise, String genre) {
        ObjectNode game = games.addObject().put("id", id).put("slug", slug).put("name", name).put("franchise", franchise)
                .putNull("original_release_year").put("summary", "").put("cover_url", "").put("igdb_id", igdbId);
        game.putArray("genres").add(genre);
        game.putArray("platforms").add("pc");
    }

    static void edition(ArrayNode editions, String id, String slug, String game) {
        ObjectNode edition = editions.addObject().put("id", id).put("slug", slug).put("game", game).put("name", slug)
                .put("edition_type", "original").putNull("release_date");
        edition.putArray("platforms").add("pc");
    }

    ImportReport importDocument(ObjectNode doc) throws IOException {
        return importer.importStream(new ByteArrayInputStream(JSON.writeValueAsBytes(doc)), false);
    }

    static UUID id(String table, String slug) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM " + table + " WHERE slug = :slug").bind("slug", slug)
                .mapTo(UUID.class).findOne().orElse(null));
    }

    static int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void theVocabularyIsMatchedBySlugAndGamesByIgdbIdThenSlug() throws IOException {
        ImportReport report = importDocument(document());

        assertThat(report.ok()).as(report.errors().toString()).isTrue();
        assertThat(report.sections()).containsExactly(
                Map.entry("genres", new ImportReport.SectionCounts(2, 1, 1, 0, 1)),
                Map.entry("franchises", new ImportReport.SectionCounts(1, 0, 0, 1, 1)),
                Map.entry("games", new ImportReport.SectionCounts(3, 1, 2, 0, 2)),
                Map.entry("editions", new ImportReport.SectionCounts(2, 1, 1, 0, 1)));
        // matched records keep the library's ids and take the document's values
        assertThat(id("genre", "rpg")).isEqualTo(LIBRARY_RPG);
        assertThat(id("franchise", "zelda")).isEqualTo(LIBRARY_ZELDA);
        assertThat(id("game", "okami")).as("matched by igdb id, renamed to the document's slug").isEqualTo(LIBRARY_OKAMI);
        assertThat(id("game", "okami-hd")).isNull();
        assertThat(id("game", "celeste")).as("matched by slug").isEqualTo(LIBRARY_CELESTE);
        assertThat(id("edition", "celeste-original")).isEqualTo(LIBRARY_CELESTE_EDITION);
        // without a match, the document's ids are kept
        assertThat(id("genre", "puzzle")).hasToString(DOC_PUZZLE);
        assertThat(id("game", "breath-of-the-wild")).hasToString(DOC_NEW_GAME);
        assertThat(id("edition", "okami-original")).hasToString(DOC_OKAMI_EDITION);
        assertThat(count("genre")).isEqualTo(2);
        assertThat(count("game")).isEqualTo(3);
        // the document's references lead to the matched records
        Map<String, Object> botw = jdbi.withHandle(h -> h.createQuery("""
                        SELECT g.franchise_id, (SELECT genre_id FROM game_genre WHERE game_id = g.id) AS genre_id
                        FROM game g WHERE g.slug = 'breath-of-the-wild'""").mapToMap().one());
        assertThat(botw).containsEntry("franchise_id", LIBRARY_ZELDA).containsEntry("genre_id", LIBRARY_RPG);
        UUID okamiEditionGame = jdbi.withHandle(h -> h.createQuery("SELECT game_id FROM edition WHERE slug = 'okami-original'")
                .mapTo(UUID.class).one());
        assertThat(okamiEditionGame).isEqualTo(LIBRARY_OKAMI);
    }

    /** The issue as it was found: the bench dataset into a library with one of its genres under another id. */
    @Test
    void theBenchDatasetImportsIntoALibraryThatHasOneOfItsGenres() throws IOException {
        ObjectNode dataset;
        try (var in = ImportMatchingTest.class.getResourceAsStream("/fixtures/dataset-small.json")) {
            dataset = (ObjectNode) JSON.readTree(in);
        }
        dataset.remove(List.of("playthroughs", "lists", "list_entries", "meta"));
        String genreSlug = dataset.at("/genres/3/slug").asText();
        UUID libraryGenre = UUID.randomUUID();
        jdbi.useHandle(h -> {
            h.execute("TRUNCATE game_genre, external_id, edition, game, franchise, genre CASCADE");
            h.createUpdate("INSERT INTO genre (id, slug, name) VALUES (:id, :slug, 'Mine')")
                    .bind("id", libraryGenre).bind("slug", genreSlug).execute();
        });

        ImportReport report = importDocument(dataset);

        assertThat(report.ok()).as(report.errors().toString()).isTrue();
        int genres = dataset.get("genres").size();
        assertThat(report.sections().get("genres")).isEqualTo(new ImportReport.SectionCounts(genres, genres - 1, 1, 0, 1));
        assertThat(id("genre", genreSlug)).isEqualTo(libraryGenre);
        assertThat(count("genre")).isEqualTo(genres);
        int linked = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game_genre WHERE genre_id = :id")
                .bind("id", libraryGenre).mapTo(Integer.class).one());
        int expected = 0;
        for (var game : dataset.get("games")) {
            for (var genre : game.get("genres")) {
                expected += genre.asText().equals(genreSlug) ? 1 : 0;
            }
        }
        assertThat(linked).as("the document's games are linked to the library's genre").isEqualTo(expected);
    }

    @Test
    void importingTheSameDocumentAgainMatchesAgainAndChangesNothing() throws IOException {
        importDocument(document());
        ImportReport again = importDocument(document());

        assertThat(again.ok()).isTrue();
        assertThat(again.sections().get("games")).isEqualTo(new ImportReport.SectionCounts(3, 0, 0, 3, 2));
        assertThat(again.sections().get("genres")).isEqualTo(new ImportReport.SectionCounts(2, 0, 0, 2, 1));
        assertThat(count("game")).isEqualTo(3);
    }

    @Test
    void aGameWhoseIgdbIdIsOneGamesAndSlugAnothersIsStillA422() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.get("games").get(1)).put("igdb_id", 1234L);   // Celeste's slug, Ōkami's igdb id
        ((ObjectNode) doc.get("games").get(0)).putNull("igdb_id");

        ImportReport report = importDocument(doc);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).contains("games[1].slug");
        assertThat(report.errors().get(0).message()).contains("cannot be matched onto either");
        assertThat(id("game", "okami-hd")).as("nothing written").isEqualTo(LIBRARY_OKAMI);
        assertThat(count("genre")).isEqualTo(1);
    }

    @Test
    void twoRecordsMatchingOneLibraryRecordAreA422() throws IOException {
        ObjectNode doc = document();
        // okami matches the library's okami-hd by igdb id; a third game has the slug okami-hd itself
        ((ObjectNode) doc.get("games").get(2)).put("slug", "okami-hd").putNull("igdb_id");

        ImportReport report = importDocument(doc);

        assertThat(report.ok()).isFalse();
        List<String> fields = report.errors().stream().map(DatasetProblem::field).toList();
        assertThat(fields).containsExactly("games[2].id");
        assertThat(report.errors().get(0).message()).contains("matches the same game of the library").contains("games[0]");
        assertThat(count("game")).isEqualTo(2);
    }

    @Test
    void anEditionIsMatchedOnlyWithinItsGame() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.get("editions").get(1)).put("game", "okami");   // celeste-original, but of Ōkami

        ImportReport report = importDocument(doc);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).containsExactly("editions[1].slug");
        assertThat(report.errors().get(0).message()).contains("already the slug of another edition");
    }
}
