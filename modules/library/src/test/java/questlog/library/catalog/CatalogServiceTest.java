package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.InvalidInputException;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.TestDatabase;

class CatalogServiceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static CatalogService catalog;

    @BeforeAll
    static void setUp() {
        catalog = new CatalogService(LibraryTestSupport.jdbi(db), new LibraryTestSupport.TestClock());
    }

    @Test
    void franchisesGetSuffixedSlugsAndListByCodePointName() {
        assertThat(catalog.createFranchise(new CreateFranchiseRequest("Zelda", null)).slug()).isEqualTo("zelda");
        assertThat(catalog.createFranchise(new CreateFranchiseRequest("ZELDA", null)).slug()).isEqualTo("zelda-2");
        assertThat(catalog.createFranchise(new CreateFranchiseRequest("Ys", "ys")).slug()).isEqualTo("ys");
        assertThat(catalog.createFranchise(new CreateFranchiseRequest("atelier", null)).slug()).isEqualTo("atelier");
        assertThatThrownBy(() -> catalog.createFranchise(new CreateFranchiseRequest("Ys Again", "ys")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
        assertThat(catalog.franchises()).extracting(Franchise::name).containsExactly("Ys", "ZELDA", "Zelda", "atelier");
    }

    @Test
    void genresKeepIgdbIdsAndParents() {
        Genre rpg = catalog.createGenre(new CreateGenreRequest("Role-playing (RPG)", null, 12L, null));
        Genre jrpg = catalog.createGenre(new CreateGenreRequest("JRPG", null, null, rpg.slug()));
        assertThat(rpg.slug()).isEqualTo("role-playing-rpg");
        assertThat(rpg.igdbId()).isEqualTo(12L);
        assertThat(jrpg.parentId()).isEqualTo(rpg.id());
        assertThat(catalog.genres()).extracting(Genre::slug).containsExactly("jrpg", "role-playing-rpg");

        assertThatThrownBy(() -> catalog.createGenre(new CreateGenreRequest("Other", null, 12L, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("igdb_id"));
        assertThatThrownBy(() -> catalog.createGenre(new CreateGenreRequest("Orphan", null, null, "nope")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors().getFirst().field()).isEqualTo("parent");
                });
        assertThat(catalog.genres()).hasSize(2);
    }
}
