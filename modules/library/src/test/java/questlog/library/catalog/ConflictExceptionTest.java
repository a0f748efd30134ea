package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.TestDatabase;

/** Failed statements from a real PostgreSQL, translated by constraint name. */
class ConflictExceptionTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Jdbi jdbi;
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @BeforeAll
    static void setUp() {
        jdbi = LibraryTestSupport.jdbi(db);
        jdbi.useHandle(h -> h.attach(GameDao.class).insert(values("First", "first", null, 10L), NOW));
    }

    @Test
    void uniqueViolationsNameTheFieldWithThePrefix() {
        RuntimeException failure = catchRuntimeException(() -> jdbi.useHandle(h ->
                h.attach(GameDao.class).insert(values("Second", "second", null, 10L), NOW)));
        assertThat(ConflictException.translate(failure, "editions[3]."))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("editions[3].igdb_id");
                    assertThat(e.getMessage()).isEqualTo("editions[3].igdb_id: another game already has this IGDB id");
                });
    }

    @Test
    void aReferenceRemovedMeanwhileIsAConflictOnThatField() {
        RuntimeException failure = catchRuntimeException(() -> jdbi.useHandle(h ->
                h.attach(GameDao.class).insert(values("Third", "third", UUID.randomUUID(), null), NOW)));
        assertThat(ConflictException.translate(failure, ""))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("franchise"));
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        RuntimeException failure = catchRuntimeException(() -> jdbi.useHandle(h -> h.execute("SELECT 1/0")));
        assertThat(ConflictException.translate(failure, "")).isSameAs(failure);
        var plain = new IllegalStateException("not SQL");
        assertThat(ConflictException.translate(plain, "")).isSameAs(plain);
    }

    private static GameValues values(String name, String slug, UUID franchiseId, Long igdbId) {
        return new GameValues(name, slug, null, franchiseId, null, null, null, null, null, null, List.of(), igdbId);
    }
}
