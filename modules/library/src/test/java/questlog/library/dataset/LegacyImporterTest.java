package questlog.library.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.FieldError;
import questlog.common.InvalidInputException;
import questlog.library.LibraryModule;
import questlog.library.LibraryTestSupport;
import questlog.library.catalog.Edition;
import questlog.library.catalog.Franchise;
import questlog.library.compat.Work;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/** The original Questlog's {franchises, works, editions} import body, as POST /api/import hands it to the library. */
class LegacyImporterTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = LibraryTestSupport.json();
    static Jdbi jdbi;
    LibraryModule library;

    static final String BODY = """
            {"franchises": [{"name": "Final Fantasy", "slug": "final-fantasy"},
                            {"name": "Xenoblade", "slug": "xenoblade"}],
             "works": [{"name": "Final Fantasy VII", "slug": "final-fantasy-vii", "franchise_slug": "final-fantasy",
                        "original_release_year": 1997},
                       {"name": "Bastion", "slug": "bastion"},
                       {"name": "Ōkami"}],
             "editions": [{"work_slug": "final-fantasy-vii", "name": "Final Fantasy VII", "slug": "final-fantasy-vii",
                           "edition_type": "original", "igdb_id": 427, "cover_url": "", "release_date": "1997-01-31",
                           "summary": "", "platforms": ["ps1"], "twitch_category_id": "11282",
                           "igdb_data": {"rating": 92}},
                          {"work_slug": "final-fantasy-vii", "name": "Final Fantasy VII (PC)", "slug": "final-fantasy-vii-pc",
                           "edition_type": "port", "release_date": null},
                          {"work_slug": "no-such-work", "name": "Ghost", "slug": "ghost"},
                          {"work_slug": "okami", "name": "Ōkami HD", "slug": "okami-hd", "edition_type": "remaster",
                           "igdb_id": 427}]}""";

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
    }

    @BeforeEach
    void emptyLibrary() {
        LibraryTestSupport.emptyCatalog(jdbi);
        library = new LibraryModule(jdbi, JSON, new LibraryTestSupport.TestClock(), new RecordingEventLog());
    }

    @Test
    void createsNewItemsAndReportsItemsThatCannotBeCreated() throws IOException {
        LegacyImportResult result = legacy(BODY, false);

        assertThat(result).isEqualTo(new LegacyImportResult(2, 0, 3, 0, 2, 0, List.of(
                "Edition ghost: Work no-such-work not found",
                "Edition okami-hd: igdb_id 427 is already used by edition final-fantasy-vii")));
        Map<String, Object> work = jdbi.withHandle(h -> h.createQuery("""
                        SELECT g.name, g.search_vector::text AS words, g.original_release_year, f.slug AS franchise
                        FROM game g LEFT JOIN franchise f ON f.id = g.franchise_id WHERE g.slug = 'final-fantasy-vii'""")
                .mapToMap().one());
        assertThat(work).containsEntry("name", "Final Fantasy VII").containsEntry("words", "'fantasy' 'final' 'vii'")
                .containsEntry("original_release_year", 1997).containsEntry("franchise", "final-fantasy");
        List<String> slugs = jdbi.withHandle(h -> h.createQuery("SELECT slug FROM game ORDER BY slug").mapTo(String.class).list());
        assertThat(slugs).as("a work without slug gets one made from its name")
                .containsExactly("bastion", "final-fantasy-vii", "okami");
        Map<String, Object> edition = jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.edition_type, e.igdb_id, e.twitch_category_id, e.cover_url, e.summary,
                               e.release_date::text AS release_date, array_to_string(e.platforms, ',') AS platforms,
                               e.igdb_data::text AS igdb_data, g.slug AS work
                        FROM edition e JOIN game g ON g.id = e.game_id WHERE e.slug = 'final-fantasy-vii'""")
                .mapToMap().one());
        assertThat(edition).containsEntry("edition_type", "original").containsEntry("igdb_id", 427L)
                .containsEntry("twitch_category_id", "11282").containsEntry("cover_url", null).containsEntry("summary", null)
                .containsEntry("release_date", "1997-01-31").containsEntry("platforms", "ps1")
                .containsEntry("igdb_data", "{\"rating\": 92}").containsEntry("work", "final-fantasy-vii");
    }

    @Test
    void existingSlugsAreSkippedNotUpdated() throws IOException {
        legacy(BODY, false);

        LegacyImportResult again = legacy(BODY.replace("\"Bastion\"", "\"Bastion Renamed\""), false);

        assertThat(again).isEqualTo(new LegacyImportResult(0, 2, 0, 3, 0, 2, List.of(
                "Edition ghost: Work no-such-work not found",
                "Edition okami-hd: igdb_id 427 is already used by edition final-fantasy-vii")));
        String name = jdbi.withHandle(h -> h.createQuery("SELECT name FROM game WHERE slug = 'bastion'").mapTo(String.class).one());
        assertThat(name).isEqualTo("Bastion");
        assertThat(count("edition")).isEqualTo(2);
    }

    @Test
    void aWorksFranchiseMayAlreadyBeInTheLibraryAndAnUnknownOneIsAnError() throws IOException {
        legacy("""
                {"franchises": [{"name": "Ys", "slug": "ys"}], "works": [], "editions": []}""", false);

        LegacyImportResult result = legacy("""
                {"works": [{"name": "Ys VIII", "slug": "ys-viii", "franchise": "ys"},
                           {"name": "Ys Origin", "slug": "ys-origin", "franchise_slug": "nope"}],
                 "editions": [{"work": "ys-viii", "name": "Ys VIII", "slug": "ys-viii"},
                              {"work_slug": "ys-origin", "name": "Ys Origin", "slug": "ys-origin"}]}""", false);

        assertThat(result).isEqualTo(new LegacyImportResult(0, 0, 1, 0, 1, 0, List.of(
                "Work ys-origin: Franchise nope not found",
                "Edition ys-origin: Work ys-origin not found")));
        String franchise = jdbi.withHandle(h -> h.createQuery(
                        "SELECT f.slug FROM game g JOIN franchise f ON f.id = g.franchise_id WHERE g.slug = 'ys-viii'")
                .mapTo(String.class).one());
        assertThat(franchise).isEqualTo("ys");
    }

    @Test
    void brokenRulesAreA422WithFieldPathsAndNothingIsWritten() {
        String body = """
                {"franchises": [{"name": "", "slug": "ok"}],
                 "works": [{"name": "Fine", "slug": "Not A Slug", "original_release_year": 1800}],
                 "editions": [{"name": "X", "slug": "x", "edition_type": "bootleg", "release_date": "1997-13-01",
                               "igdb_id": 0, "igdb_data": [1]}]}""";

        assertThatThrownBy(() -> legacy(body, false)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly(
                    "franchises[0].name", "works[0].slug", "works[0].original_release_year", "editions[0].work_slug",
                    "editions[0].edition_type", "editions[0].igdb_id", "editions[0].release_date", "editions[0].igdb_data");
        });
        assertThat(count("franchise") + count("game") + count("edition")).isZero();
    }

    @Test
    void textThatCannotBeStoredAsSentIsA422NotAQuestionMark() {
        // JSON escapes: a lone surrogate reaches the importer as such, and UTF-8 cannot carry it.
        assertThatThrownBy(() -> legacy("""
                {"works": [{"name": "Orig W\\ud800", "slug": "orig-w"}]}""", false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).containsExactly(
                            new FieldError("works[0].name", "is not valid Unicode (a lone surrogate \\ud800)"));
                });
        assertThatThrownBy(() -> legacy("""
                {"works": [{"name": "W", "slug": "w"}],
                 "editions": [{"work_slug": "w", "name": "E", "summary": "a\\udc00b", "platforms": ["ps\\ud800"],
                               "igdb_data": {"k": "\\udc00"}}]}""", false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("editions[0].summary", "editions[0].platforms[0]", "editions[0].igdb_data.k"));
        assertThat(count("franchise") + count("game") + count("edition")).isZero();
    }

    @Test
    void valuesTheApiRefusesAreA422Too() {
        String body = """
                {"franchises": [{"name": "%s", "slug": "long-franchise"}],
                 "works": [{"name": "%s", "slug": "long-work"}, {"name": "Dated", "slug": "dated"}],
                 "editions": [{"work_slug": "dated", "name": "Year zero", "slug": "year-zero", "release_date": "0000-01-01"},
                              {"work_slug": "dated", "name": "Too early", "slug": "too-early", "release_date": "1939-12-31"},
                              {"work_slug": "dated", "name": "Too late", "slug": "too-late", "release_date": "2201-01-01",
                               "twitch_category_id": "%s", "platforms": ["%s"]}]}"""
                .formatted("f".repeat(501), "w".repeat(5000), "9".repeat(256), "p".repeat(256));

        assertThatThrownBy(() -> legacy(body, false)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("franchises[0].name", "works[0].name",
                    "editions[0].release_date", "editions[1].release_date", "editions[2].release_date",
                    "editions[2].platforms[0]", "editions[2].twitch_category_id");
            assertThat(e.errors()).extracting(FieldError::message).contains("must be at most 500 characters",
                    "must be a date between 1940 and 2200", "must be at most 255 characters");
        });
        assertThat(count("franchise") + count("game") + count("edition")).isZero();

        LegacyImportResult bounds = assertDoesNotThrow(() -> legacy("""
                {"works": [{"name": "%s", "slug": "dated"}],
                 "editions": [{"work_slug": "dated", "name": "First", "slug": "first", "release_date": "1940-01-01"},
                              {"work_slug": "dated", "name": "Last", "slug": "last", "release_date": "2200-12-31",
                               "twitch_category_id": "%s"}]}""".formatted("w".repeat(500), "9".repeat(255)), false));
        assertThat(bounds.editionsCreated()).isEqualTo(2);
    }

    @Test
    void aDryRunCountsButWritesNothing() throws IOException {
        LegacyImportResult result = legacy(BODY, true);

        assertThat(result.franchisesCreated()).isEqualTo(2);
        assertThat(result.worksCreated()).isEqualTo(3);
        assertThat(result.editionsCreated()).isEqualTo(2);
        assertThat(count("franchise") + count("game") + count("edition")).isZero();
    }

    @Test
    void originalFormatBodiesAreStrictLikeEveryOtherRequestBody() {
        assertThatThrownBy(() -> legacy("""
                {"works": [{"name": "A", "slug": "a", "colour": "red"}]}""", false))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    private LegacyImportResult legacy(String body, boolean dryRun) throws IOException {
        return library.importLegacy(JSON.readTree(body), dryRun);
    }


    private static int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }
}
