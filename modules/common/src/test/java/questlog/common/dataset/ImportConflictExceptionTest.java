package questlog.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ImportConflictExceptionTest {
    private static RuntimeException failing(String state) {
        return new IllegalStateException("a statement failed", new SQLException("from the database", state));
    }

    @Test
    void aCollisionWithAnotherWriteIsAConflictToTryAgain() {
        assertThat(ImportConflictException.orFailure(failing("23505"), "document"))
                .isInstanceOf(ImportConflictException.class).hasMessageContaining("slug or external id of the document");
        assertThat(ImportConflictException.orFailure(failing("40P01"), "body"))
                .isInstanceOf(ImportConflictException.class).hasMessageContaining("waiting for each other");
        assertThat(ImportConflictException.orFailure(failing("40001"), "body"))
                .isInstanceOf(ImportConflictException.class).hasMessageContaining("changed what the import was reading")
                .hasMessageContaining("try again");
    }

    @Test
    void anyOtherFailureStaysWhatItIs() {
        RuntimeException failure = failing("23503");
        assertThat(ImportConflictException.orFailure(failure, "document")).isSameAs(failure);
        RuntimeException plain = new IllegalArgumentException("no database involved");
        assertThat(ImportConflictException.orFailure(plain, "document")).isSameAs(plain);
    }
}
