package questlog.library.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.library.catalog.CatalogService;
import questlog.library.catalog.CreateEditionRequest;
import questlog.library.catalog.CreateFranchiseRequest;
import questlog.library.catalog.Edition;
import questlog.library.catalog.GameService;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

class CompatServiceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static CompatService compat;

    @BeforeAll
    static void setUp() {
        var jdbi = LibraryTestSupport.jdbi(db);
        var clock = new LibraryTestSupport.TestClock();
        var games = new GameService(jdbi, clock, new RecordingEventLog());
        compat = new CompatService(jdbi);
        new CatalogService(jdbi, clock).createFranchise(new CreateFranchiseRequest("Souls", "souls"));
        games.create(LibraryTestSupport.game("Demon's Souls", "souls", null, 2009, null));
        games.create(LibraryTestSupport.game("Dark Souls", "souls", null, 2011, null));
        games.create(LibraryTestSupport.game("Bloodborne", null, null, 2015, null));
        games.create(LibraryTestSupport.game("bloodborne", null, null, null, null));
        games.addEdition("dark-souls", new CreateEditionRequest("Remastered", null, "remaster", List.of("pc"),
                LocalDate.of(2018, 5, 25), null, null, null, "tw-ds"));
        games.addEdition("dark-souls", new CreateEditionRequest("Prepare to Die", null, "enhanced", List.of("pc"),
                LocalDate.of(2012, 8, 24), null, null, null, null));
        games.addEdition("dark-souls", new CreateEditionRequest("A Fan Cut", null, "port", List.of("pc"),
                null, null, null, null, null));
    }

    @Test
    void worksAreByNameThenSlugAndFilterByFranchise() {
        assertThat(compat.works(null, 100, 0)).extracting(Work::slug)
                .containsExactly("bloodborne", "dark-souls", "demons-souls", "bloodborne-2");
        assertThat(compat.works("souls", 100, 0)).extracting(Work::name).containsExactly("Dark Souls", "Demon's Souls");
        assertThat(compat.works(null, 2, 1)).extracting(Work::name).containsExactly("Dark Souls", "Demon's Souls");
        assertThat(compat.works("nope", 100, 0)).isEmpty();
    }

    @Test
    void aWorksEditionsAreByReleaseDateThenUndatedByName() {
        var work = compat.work("dark-souls").orElseThrow();
        assertThat(work.editions()).extracting(Edition::name)
                .containsExactly("Prepare to Die", "Remastered", "A Fan Cut", "Dark Souls");
    }

    @Test
    void editionsListByNameFilterByWorkAndResolveTwitchCategories() {
        assertThat(compat.editions("dark-souls", 100, 0)).extracting(Edition::name)
                .containsExactly("A Fan Cut", "Dark Souls", "Prepare to Die", "Remastered");
        assertThat(compat.editions(null, 100, 0)).hasSize(7);
        assertThat(compat.editions(null, 1, 6)).extracting(Edition::name).containsExactly("bloodborne");
        assertThat(compat.edition("dark-souls-remastered")).map(Edition::editionType).contains("remaster");
        assertThat(compat.workByTwitchCategory("tw-ds")).map(w -> w.work().slug()).contains("dark-souls");
        assertThat(compat.workByTwitchCategory("unknown")).isEmpty();
        assertThat(compat.work("nope")).isEmpty();
    }
}
