package questlog.library.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.Slugs;
import questlog.common.dataset.DatasetImporter;
import questlog.common.dataset.DatasetProblem;
import questlog.common.dataset.ImportReport;
import questlog.library.LibraryModule;
import questlog.library.LibraryTestSupport;
import questlog.library.catalog.Game;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/**
 * The dataset import against a real database, with a small document made by the format's
 * generator ({@code gen.py --games 60}, committed as fixtures/dataset-small.json): 40 genres,
 * 5 franchises, 60 games, 75 editions, 180 playthroughs, 2 lists, 90 list entries.
 */
class DatasetImporterTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = LibraryTestSupport.json();
    static Jdbi jdbi;
    static ObjectNode fixture;
    LibraryTestSupport.TestClock clock;
    DatasetImporter importer;

    @BeforeAll
    static void loadFixture() throws IOException {
        jdbi = LibraryTestSupport.jdbi(db);
        try (InputStream in = DatasetImporterTest.class.getResourceAsStream("/fixtures/dataset-small.json")) {
            fixture = (ObjectNode) JSON.readTree(in);
        }
        // The library's sections only: the journal's and lists' are loaded by their modules (app's tests).
        fixture.remove(List.of("playthroughs", "lists", "list_entries"));
        if (fixture.has("meta")) {
            fixture.remove("meta");
        }
    }

    @BeforeEach
    void emptyLibrary() {
        LibraryTestSupport.emptyCatalog(jdbi);
        clock = new LibraryTestSupport.TestClock();
        importer = new DatasetImporter(jdbi, JSON, clock,
                new LibraryModule(jdbi, JSON, clock, new RecordingEventLog()).datasetSections());
    }

    @Test
    void loadsEveryRecordWithItsIdAndResolvesReferencesBySlug() {
        ImportReport report = importDocument(fixture, false);

        assertThat(report.ok()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.format()).isEqualTo("questlog-bench-dataset");
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.sections()).containsExactly(
                Map.entry("genres", new ImportReport.SectionCounts(40, 40, 0, 0, 0)),
                Map.entry("franchises", new ImportReport.SectionCounts(5, 5, 0, 0, 0)),
                Map.entry("games", new ImportReport.SectionCounts(60, 60, 0, 0, 0)),
                Map.entry("editions", new ImportReport.SectionCounts(75, 75, 0, 0, 0)));

        Map<String, String> genreSlugById = slugsById("genre");
        for (JsonNode genre : fixture.get("genres")) {
            assertThat(genreSlugById).containsEntry(genre.get("id").asText(), genre.get("slug").asText());
        }
        Map<String, String> franchiseSlugById = slugsById("franchise");
        for (JsonNode franchise : fixture.get("franchises")) {
            assertThat(franchiseSlugById).containsEntry(franchise.get("id").asText(), franchise.get("slug").asText());
        }
        Map<String, Map<String, Object>> games = rowsById("""
                SELECT g.id::text AS id, g.slug, g.name, f.slug AS franchise, g.original_release_year,
                       g.summary, g.cover_url, g.igdb_id, array_to_string(g.platforms, ',') AS platforms,
                       (SELECT string_agg(ge.slug, ',' ORDER BY ge.slug) FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
                        WHERE gg.game_id = g.id) AS genres,
                       g.created_at
                FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id""");
        assertThat(games).hasSize(60);
        for (JsonNode game : fixture.get("games")) {
            Map<String, Object> row = games.get(game.get("id").asText());
            assertThat(row).as(game.get("slug").asText()).isNotNull();
            assertThat(row.get("slug")).isEqualTo(game.get("slug").asText());
            assertThat(row.get("name")).isEqualTo(game.get("name").asText());
            assertThat(row.get("franchise")).isEqualTo(game.get("franchise").isNull() ? null : game.get("franchise").asText());
            assertThat(row.get("original_release_year"))
                    .isEqualTo(game.get("original_release_year").isNull() ? null : game.get("original_release_year").asInt());
            assertThat(row.get("summary")).isEqualTo(game.get("summary").asText());
            assertThat(row.get("cover_url")).isEqualTo(game.get("cover_url").asText());
            assertThat(row.get("igdb_id")).isEqualTo(game.get("igdb_id").asLong());
            assertThat(row.get("platforms")).isEqualTo(join(game.get("platforms")));
            assertThat(row.get("genres")).isEqualTo(join(game.get("genres")));
            assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(clock.instant());
        }
        Map<String, Map<String, Object>> editions = rowsById("""
                SELECT e.id::text AS id, e.slug, e.name, g.slug AS game, e.edition_type, e.release_date::text AS release_date,
                       array_to_string(e.platforms, ',') AS platforms
                FROM edition e JOIN game g ON g.id = e.game_id""");
        assertThat(editions).hasSize(75);
        for (JsonNode edition : fixture.get("editions")) {
            Map<String, Object> row = editions.get(edition.get("id").asText());
            assertThat(row).as(edition.get("slug").asText()).isNotNull();
            assertThat(row.get("slug")).isEqualTo(edition.get("slug").asText());
            assertThat(row.get("name")).isEqualTo(edition.get("name").asText());
            assertThat(row.get("game")).isEqualTo(edition.get("game").asText());
            assertThat(row.get("edition_type")).isEqualTo(edition.get("edition_type").asText());
            assertThat(row.get("release_date"))
                    .isEqualTo(edition.get("release_date").isNull() ? null : edition.get("release_date").asText());
            assertThat(row.get("platforms")).isEqualTo(join(edition.get("platforms")));
        }
    }

    @Test
    void sectionsOfModulesTheImporterWasNotGivenAreUnknownMembers() {
        ObjectNode withOthers = fixture.deepCopy();
        withOthers.set("playthroughs", JSON.createArrayNode());
        withOthers.set("lists", JSON.createArrayNode());

        ImportReport report = importDocument(withOthers, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).containsExactly("playthroughs", "lists");
        assertThat(report.errors().getFirst().message()).isEqualTo("unknown member; a questlog-bench-dataset version 1 "
                + "document has format, version, meta, genres, franchises, games, editions");
        assertThat(count("genre")).isZero();
    }

    @Test
    void importingTheSameDocumentTwiceChangesNothing() {
        importDocument(fixture, false);
        List<Map<String, Object>> before = snapshot();
        clock.advanceSeconds(60);

        ImportReport again = importDocument(fixture, false);

        assertThat(again.ok()).isTrue();
        assertThat(again.sections()).containsExactly(
                Map.entry("genres", new ImportReport.SectionCounts(40, 0, 0, 40, 0)),
                Map.entry("franchises", new ImportReport.SectionCounts(5, 0, 0, 5, 0)),
                Map.entry("games", new ImportReport.SectionCounts(60, 0, 0, 60, 0)),
                Map.entry("editions", new ImportReport.SectionCounts(75, 0, 0, 75, 0)));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChangedRecordIsUpdatedToTheDocumentsValues() {
        importDocument(fixture, false);
        clock.advanceSeconds(60);
        ObjectNode changed = fixture.deepCopy();
        ObjectNode game = (ObjectNode) changed.get("games").get(0);
        game.put("name", "Ōkami Renamed").put("summary", "").putNull("original_release_year");
        ObjectNode otherGame = (ObjectNode) changed.get("games").get(1);
        ((ArrayNode) otherGame.get("genres")).removeAll().add("action");
        ObjectNode edition = (ObjectNode) changed.get("editions").get(0);
        edition.put("edition_type", "remaster");

        ImportReport report = importDocument(changed, false);

        assertThat(report.ok()).isTrue();
        assertThat(report.sections().get("games")).isEqualTo(new ImportReport.SectionCounts(60, 0, 2, 58, 0));
        assertThat(report.sections().get("editions")).isEqualTo(new ImportReport.SectionCounts(75, 0, 1, 74, 0));
        assertThat(report.sections().get("genres")).isEqualTo(new ImportReport.SectionCounts(40, 0, 0, 40, 0));
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT name, search_vector::text AS words, sort_key, summary, original_release_year, updated_at"
                                + " FROM game WHERE id = :id")
                .bind("id", UUID.fromString(game.get("id").asText())).mapToMap().one());
        assertThat(row.get("name")).isEqualTo("Ōkami Renamed");
        assertThat(row.get("words")).as("the search words follow the new name").isEqualTo("'okami' 'renamed'");
        assertThat(row.get("sort_key")).isEqualTo("okami renamed");
        assertThat(row.get("summary")).as("an empty string is stored as null").isNull();
        assertThat(row.get("original_release_year")).isNull();
        assertThat(((Timestamp) row.get("updated_at")).toInstant()).isEqualTo(clock.instant());
        List<String> genres = jdbi.withHandle(h -> h.createQuery("""
                        SELECT ge.slug FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id WHERE gg.game_id = :id""")
                .bind("id", UUID.fromString(otherGame.get("id").asText())).mapTo(String.class).list());
        assertThat(genres).containsExactly("action");
        OffsetDateTime otherUpdated = jdbi.withHandle(h -> h.createQuery("SELECT updated_at FROM game WHERE id = :id")
                .bind("id", UUID.fromString(otherGame.get("id").asText())).mapTo(OffsetDateTime.class).one());
        assertThat(otherUpdated.toInstant()).as("a game whose genres alone changed is updated").isEqualTo(clock.instant());
    }

    @Test
    void aDryRunChecksAndCountsButWritesNothing() {
        ImportReport report = importDocument(fixture, true);

        assertThat(report.ok()).isTrue();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.sections().get("games")).isEqualTo(new ImportReport.SectionCounts(60, 60, 0, 0, 0));
        assertThat(report.sections().get("editions")).isEqualTo(new ImportReport.SectionCounts(75, 75, 0, 0, 0));
        assertThat(count("genre") + count("franchise") + count("game") + count("edition") + count("game_genre")).isZero();

        ObjectNode broken = fixture.deepCopy();
        ((ObjectNode) broken.get("editions").get(3)).put("game", "no-such-game");
        ImportReport failed = importDocument(broken, true);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.errors()).extracting(DatasetProblem::field).containsExactly("editions[3].game");
    }

    @Test
    void oneProblemAnywhereMeansNothingIsWritten() {
        ObjectNode broken = fixture.deepCopy();
        ObjectNode lastEdition = (ObjectNode) broken.get("editions").get(74);
        lastEdition.put("game", "no-such-game");

        ImportReport report = importDocument(broken, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.errors()).containsExactly(new DatasetProblem("editions", 74,
                lastEdition.get("id").asText(), lastEdition.get("slug").asText(), "editions[74].game",
                "refers to game 'no-such-game', which is neither in the document's games nor in the library"));
        assertThat(report.sections().get("games")).isEqualTo(new ImportReport.SectionCounts(60, 0, 0, 0, 0));
        assertThat(count("genre") + count("franchise") + count("game") + count("edition") + count("game_genre")).isZero();

        // With a library already there, a failed import leaves it exactly as it was.
        importDocument(fixture, false);
        List<Map<String, Object>> before = snapshot();
        ObjectNode renamedButBroken = broken.deepCopy();
        ((ObjectNode) renamedButBroken.get("games").get(0)).put("name", "Changed");
        assertThat(importDocument(renamedButBroken, false).ok()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anEditionSlugTakenByAnEditionOfAnotherGameIsAnErrorOfThatRecord() {
        UUID otherGame = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        JsonNode edition = fixture.get("editions").get(2);
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO game (id, name, slug) VALUES (:id, 'Someone else', 'someone-else')")
                    .bind("id", otherGame).execute();
            h.createUpdate("INSERT INTO edition (id, game_id, name, slug) VALUES (:id, :game, 'Someone else', :slug)")
                    .bind("id", other).bind("game", otherGame).bind("slug", edition.get("slug").asText()).execute();
        });

        ImportReport report = importDocument(fixture, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).first().satisfies(error -> {
            assertThat(error.section()).isEqualTo("editions");
            assertThat(error.index()).isEqualTo(2);
            assertThat(error.id()).isEqualTo(edition.get("id").asText());
            assertThat(error.slug()).isEqualTo(edition.get("slug").asText());
            assertThat(error.field()).isEqualTo("editions[2].slug");
            assertThat(error.message()).contains("already the slug of another edition").contains(other.toString());
        });
        assertThat(report.errors()).extracting(DatasetProblem::section).containsOnly("editions");
        assertThat(count("game")).isEqualTo(1);
        assertThat(count("edition")).isEqualTo(1);
    }

    @Test
    void aGameRefersToAFranchiseOrGenreAlreadyInTheLibrary() {
        importDocument(fixture, false);
        ObjectNode onlyGames = JSON.createObjectNode().put("format", "questlog-bench-dataset").put("version", 1);
        ArrayNode games = onlyGames.putArray("games");
        ObjectNode game = games.addObject();
        game.put("id", "0b7e5c1a-3f2d-4c6e-9a8b-1d2e3f4a5b6c").put("slug", "new-game").put("name", "New Game")
                .put("franchise", fixture.get("franchises").get(0).get("slug").asText())
                .put("summary", "").put("cover_url", "").putNull("igdb_id").putNull("original_release_year");
        game.putArray("genres").add("jrpg");
        game.putArray("platforms");

        ImportReport report = importDocument(onlyGames, false);

        assertThat(report.ok()).as(report.errors().toString()).isTrue();
        assertThat(report.sections().get("games")).isEqualTo(new ImportReport.SectionCounts(1, 1, 0, 0, 0));
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.slug AS franchise, g.summary, g.cover_url, g.igdb_id,
                               (SELECT ge.slug FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id WHERE gg.game_id = g.id) AS genre
                        FROM game g JOIN franchise f ON f.id = g.franchise_id WHERE g.slug = 'new-game'""")
                .mapToMap().one());
        assertThat(row).containsEntry("franchise", fixture.get("franchises").get(0).get("slug").asText())
                .containsEntry("genre", "jrpg").containsEntry("summary", null).containsEntry("cover_url", null)
                .containsEntry("igdb_id", null);
    }

    @Test
    void otherVersionsAndFormatsAreRejectedAsAWhole() {
        ObjectNode version2 = fixture.deepCopy().put("version", 2);
        ImportReport report = importDocument(version2, false);
        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("version");
            assertThat(error.message()).isEqualTo("version 2 of questlog-bench-dataset is not supported; this server reads version 1");
        });
        assertThat(count("genre")).isZero();

        ImportReport otherFormat = importDocument(fixture.deepCopy().put("format", "something-else"), false);
        assertThat(otherFormat.errors()).extracting(DatasetProblem::field).containsExactly("format");

        ObjectNode versionObject = fixture.deepCopy();
        versionObject.putObject("version").put("major", 1);
        assertThat(importDocument(versionObject, false).errors()).extracting(DatasetProblem::message)
                .containsExactly("must be a whole number (1)");

        ObjectNode noHeader = fixture.deepCopy();
        noHeader.remove(List.of("format", "version"));
        assertThat(importDocument(noHeader, false).errors()).extracting(DatasetProblem::field)
                .containsExactly("format", "version");
        assertThat(count("genre")).isZero();
    }

    @Test
    void recordProblemsNameTheRecordAndTheField() {
        ObjectNode broken = fixture.deepCopy();
        ObjectNode game = (ObjectNode) broken.get("games").get(5);
        game.put("original_release_year", "1990").put("igdb_id", -3).put("name", "").put("colour", "red");
        ((ArrayNode) game.get("genres")).add("no-such-genre");
        ((ObjectNode) broken.get("genres").get(1)).put("id", "not-a-uuid");
        ((ObjectNode) broken.get("editions").get(2)).put("release_date", "2024-02-30").put("edition_type", "bootleg");
        ((ObjectNode) broken.get("franchises").get(0)).put("name", "");
        ((ObjectNode) broken.get("games").get(7)).put("id", broken.get("games").get(6).get("id").asText());

        ImportReport report = importDocument(broken, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).containsExactlyInAnyOrder(
                "genres[1].id", "franchises[0].name",
                "games[5].colour", "games[5].name", "games[5].original_release_year", "games[5].igdb_id",
                "games[7].id", "editions[2].edition_type", "editions[2].release_date");
        DatasetProblem year = report.errors().stream()
                .filter(e -> e.field().equals("games[5].original_release_year")).findFirst().orElseThrow();
        assertThat(year.section()).isEqualTo("games");
        assertThat(year.index()).isEqualTo(5);
        assertThat(year.id()).isEqualTo(game.get("id").asText());
        assertThat(year.slug()).isEqualTo(game.get("slug").asText());
        assertThat(year.message()).isEqualTo("must be a whole number between 1940 and 2200 or null");
        // Records that refer to a rejected one (games of franchise 0, editions of games 5 and 7) are
        // not reported again.
        assertThat(report.errors()).filteredOn(e -> e.field().equals("games[7].id")).singleElement()
                .extracting(DatasetProblem::message).isEqualTo("is used twice in games: also at games[6]");
        assertThat(count("genre")).isZero();
    }

    @Test
    void editionDatesOutsideTheReleaseYearsAreRecordProblemsNotDatabaseErrors() {
        // 0000-01-01 once reached PostgreSQL, which has no year 0: the bulk COPY failed (a 500).
        ObjectNode broken = fixture.deepCopy();
        List<String> dates = List.of("0000-01-01", "1939-12-31", "2201-01-01");
        for (int i = 0; i < dates.size(); i++) {
            ((ObjectNode) broken.get("editions").get(i)).put("release_date", dates.get(i));
        }

        for (boolean dryRun : new boolean[] {true, false}) {
            ImportReport report = importDocument(broken, dryRun);

            assertThat(report.ok()).isFalse();
            assertThat(report.errors()).extracting(DatasetProblem::field)
                    .containsExactly("editions[0].release_date", "editions[1].release_date", "editions[2].release_date");
            assertThat(report.errors()).extracting(DatasetProblem::message).containsOnly(
                    "must be a date from 0001-01-01 on (there is no year 0000) or null",
                    "must be a date between 1940 and 2200 or null");
            assertThat(count("genre") + count("franchise") + count("game") + count("edition")).isZero();
        }

        ObjectNode bounds = fixture.deepCopy();
        ((ObjectNode) bounds.get("editions").get(0)).put("release_date", "1940-01-01");
        ((ObjectNode) bounds.get("editions").get(1)).put("release_date", "2200-12-31");
        assertThat(importDocument(bounds, false).ok()).isTrue();
    }

    @Test
    void textThatCannotBeStoredAsSentIsARecordProblemNotAQuestionMark() {
        ObjectNode broken = fixture.deepCopy();
        ((ObjectNode) broken.get("games").get(1)).put("name", "Game\udc00X").put("summary", "lone\ud800surrogate");
        ((ObjectNode) broken.get("editions").get(0)).put("name", "Edition\ud800");
        ((ObjectNode) broken.get("genres").get(0)).put("name", "Genre\u0000");
        ((ObjectNode) broken.get("franchises").get(0)).put("name", "\udfffFranchise");

        ImportReport report = importDocument(broken, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).contains("games[1].name", "games[1].summary",
                "editions[0].name", "genres[0].name", "franchises[0].name");
        assertThat(report.errors()).filteredOn(e -> e.field().equals("games[1].name")).singleElement()
                .extracting(DatasetProblem::message).isEqualTo("is not valid Unicode (a lone surrogate \\udc00)");
        assertThat(count("genre") + count("franchise") + count("game") + count("edition")).isZero();

        // A character outside the BMP (a surrogate pair) is text like any other.
        ObjectNode pair = fixture.deepCopy();
        ((ObjectNode) pair.get("games").get(1)).put("name", "Game \ud83c\udfae");
        assertThat(importDocument(pair, false).ok()).isTrue();
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT name FROM game WHERE id = :id")
                .bind("id", UUID.fromString(pair.get("games").get(1).get("id").asText())).mapTo(String.class).one());
        assertThat(stored).isEqualTo("Game \ud83c\udfae");
    }

    @Test
    void theApisLengthLimitsHoldForImportedRecords() {
        // The API takes names of up to 500 characters; a one-word name of 5000 was a 500 from the search vector.
        ObjectNode broken = fixture.deepCopy();
        ((ObjectNode) broken.get("games").get(1)).put("name", "x".repeat(501));
        ((ObjectNode) broken.get("games").get(5)).put("name", "y".repeat(5000));
        ((ObjectNode) broken.get("editions").get(0)).put("name", "e".repeat(501));
        ((ObjectNode) broken.get("genres").get(0)).put("name", "g".repeat(501));
        ((ObjectNode) broken.get("franchises").get(0)).put("name", "f".repeat(501));
        ((ObjectNode) broken.get("games").get(2)).put("summary", "s".repeat(20_001));

        ImportReport report = importDocument(broken, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(DatasetProblem::field).contains("games[1].name", "games[5].name",
                "editions[0].name", "genres[0].name", "franchises[0].name", "games[2].summary");
        assertThat(report.errors()).filteredOn(e -> e.field().equals("games[1].name")).singleElement()
                .extracting(DatasetProblem::message).isEqualTo("must be at most 500 characters");
        assertThat(count("genre") + count("franchise") + count("game") + count("edition")).isZero();

        // Characters, not UTF-16 units, as the API counts: 500 emoji are 1000 units and 2000 bytes.
        ObjectNode longest = fixture.deepCopy();
        String emoji = "\ud83c\udfae".repeat(500);
        ((ObjectNode) longest.get("games").get(1)).put("name", emoji);
        ((ObjectNode) longest.get("games").get(5)).put("name", "y".repeat(500));
        ImportReport ok = importDocument(longest, false);
        assertThat(ok.ok()).as(ok.errors().toString()).isTrue();
    }

    @Test
    void errorsAreCappedWithTheTotalCounted() {
        ObjectNode broken = fixture.deepCopy();
        ArrayNode editions = (ArrayNode) broken.get("editions");
        for (JsonNode edition : editions) {
            ((ObjectNode) edition).put("name", "").put("edition_type", "bootleg");
        }

        ImportReport report = importDocument(broken, false);

        assertThat(report.errorCount()).isEqualTo(150);
        assertThat(report.errors()).hasSize(ImportReport.MAX_ERRORS);
        assertThat(report.errors().getFirst().field()).isEqualTo("editions[0].name");
    }

    @Test
    void textsWithTabsNewlinesBackslashesAndNonAsciiSurviveTheBulkLoad() {
        ObjectNode doc = fixture.deepCopy();
        ObjectNode game = (ObjectNode) doc.get("games").get(0);
        String name = "Tab\there \\ back\nslash «Ōkami» 大神";
        game.put("name", name).put("summary", "line one\r\nline two\\n");

        ImportReport report = importDocument(doc, false);

        assertThat(report.ok()).isTrue();
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT name, summary, search_vector::text AS words FROM game WHERE id = :id")
                .bind("id", UUID.fromString(game.get("id").asText())).mapToMap().one());
        assertThat(row).containsEntry("name", name).containsEntry("summary", "line one\r\nline two\\n")
                .containsEntry("words", "'back' 'here' 'okami' 'slash' 'tab' '大神'");
    }

    @Test
    void unreadableJsonIsAReportNotAnException() {
        ImportReport report = importer.importStream(
                new ByteArrayInputStream("{\"format\": \"questlog-bench-dataset\", \"version\": 1, \"genres\": [".getBytes(StandardCharsets.UTF_8)),
                false);
        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).singleElement().extracting(DatasetProblem::message).asString()
                .startsWith("The document is not valid JSON");
    }

    @Test
    void membersInAnyOrderAndUnknownMembersAreReported() {
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("editions", fixture.get("editions"));
        reordered.set("games", fixture.get("games"));
        reordered.set("franchises", fixture.get("franchises"));
        reordered.set("genres", fixture.get("genres"));
        reordered.put("version", 1).put("format", "questlog-bench-dataset");
        assertThat(importDocument(reordered, true).ok()).isTrue();

        ObjectNode unknown = fixture.deepCopy();
        unknown.putArray("profiles");
        ImportReport report = importDocument(unknown, false);
        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).singleElement().extracting(DatasetProblem::field).isEqualTo("profiles");
    }

    /**
     * A document at the size from which empty tables are loaded in bulk (lowered to one record
     * here): into an empty library it writes exactly what the row-by-row import writes, says so
     * in a note, and leaves every key and index as it was; a dry run writes nothing.
     */
    @Test
    void aBulkLoadWritesWhatTheRowByRowImportWrites() {
        ImportReport rowByRow = importDocument(fixture, false);
        assertThat(rowByRow.notes()).isEmpty();
        List<Map<String, Object>> expected = snapshot();
        List<String> keys = jdbi.withHandle(BulkLoadTest::foreignKeys);
        List<String> indexes = jdbi.withHandle(BulkLoadTest::indexes);
        emptyLibrary();
        importer = new DatasetImporter(jdbi, JSON, clock,
                new LibraryModule(jdbi, JSON, clock, new RecordingEventLog()).datasetSections(), 1);

        ImportReport dryRun = importDocument(fixture, true);
        assertThat(dryRun.ok()).isTrue();
        assertThat(count("game") + count("edition") + count("genre")).isZero();

        ImportReport deferred = importDocument(fixture, false);
        assertThat(deferred.ok()).isTrue();
        assertThat(deferred.sections()).isEqualTo(rowByRow.sections());
        assertThat(deferred.notes()).singleElement().asString().contains("loaded in bulk");
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(jdbi.withHandle(BulkLoadTest::foreignKeys)).isEqualTo(keys);
        assertThat(jdbi.withHandle(BulkLoadTest::indexes)).isEqualTo(indexes);

        // Into the library it made, the same import changes nothing (the catalog's tables hold rows
        // now and keep their keys and indexes; empty ones, such as playthrough's, load in bulk again).
        clock.advanceSeconds(60);
        ImportReport again = importDocument(fixture, false);
        assertThat(again.ok()).isTrue();
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(jdbi.withHandle(BulkLoadTest::foreignKeys)).isEqualTo(keys);
        assertThat(jdbi.withHandle(BulkLoadTest::indexes)).isEqualTo(indexes);
    }

    /**
     * An import and another write that wait for each other: the other write holds a new franchise
     * row with a slug of the document (the import waits for its commit to know whether the slug
     * is free), then waits for the import lock the import holds. PostgreSQL stops the one that
     * waited first, the import, after deadlock_timeout: the report says to try again, and nothing
     * of the document is written.
     */
    @Test
    void anImportStoppedByADeadlockAsksToTryAgainAndWritesNothing() throws Exception {
        String slug = fixture.get("franchises").get(0).get("slug").asText();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (org.jdbi.v3.core.Handle other = jdbi.open()) {
            // Only the import looks for the deadlock (after the server's deadlock_timeout, 1 s): it is
            // the one stopped, however late this thread asks for the lock.
            other.execute("SET deadlock_timeout = '60s'");
            other.begin();
            other.execute("INSERT INTO franchise (id, slug, name) VALUES (gen_random_uuid(), ?, 'Taken')", slug);
            int otherPid = other.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            java.util.concurrent.Future<ImportReport> importing = pool.submit(() -> importDocument(fixture, false));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (jdbi.withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> :other""")
                    .bind("other", otherPid).mapTo(Integer.class).one()) == 0) {
                assertThat(System.nanoTime()).as("the import waits for the other write's row").isLessThan(deadline);
                Thread.sleep(10);
            }
            other.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", DatasetImporter.IMPORT_LOCK)
                    .mapTo(Integer.class).one();
            ImportReport report = importing.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report.ok()).isFalse();
            assertThat(report.errors()).singleElement().extracting(DatasetProblem::message).asString()
                    .contains("waiting for each other").contains("try again");
            other.rollback();
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("genre") + count("franchise") + count("game") + count("edition")).isZero();
    }

    private ImportReport importDocument(JsonNode doc, boolean dryRun) {
        try {
            return importer.importStream(new ByteArrayInputStream(JSON.writeValueAsBytes(doc)), dryRun);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    private static Map<String, String> slugsById(String table) {
        Map<String, String> slugs = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id::text AS id, slug FROM " + table).mapToMap()
                .forEach(row -> slugs.put((String) row.get("id"), (String) row.get("slug"))));
        return slugs;
    }

    private static Map<String, Map<String, Object>> rowsById(String sql) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(sql).mapToMap().forEach(row -> rows.put((String) row.get("id"), row)));
        return rows;
    }

    private static int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    /** Every row of the catalog tables, every column, in a stable order. */
    private static List<Map<String, Object>> snapshot() {
        return jdbi.withHandle(h -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String sql : List.of("SELECT * FROM genre ORDER BY id", "SELECT * FROM franchise ORDER BY id",
                    "SELECT id, slug, name, sort_key, search_vector::text AS words, franchise_id, original_release_year, summary, cover_url, "
                            + "array_to_string(platforms, ',') AS platforms, igdb_id, created_at, updated_at FROM game ORDER BY id",
                    "SELECT game_id, genre_id FROM game_genre ORDER BY game_id, genre_id",
                    "SELECT id, game_id, slug, name, edition_type, release_date, array_to_string(platforms, ',') AS platforms, "
                            + "created_at, updated_at FROM edition ORDER BY id")) {
                rows.addAll(h.createQuery(sql).mapToMap().list());
            }
            return rows;
        });
    }
}
