package questlog.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parsesThePostgresUrlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://questlog:s%40cret@db.local:6543/questlog?sslmode=disable");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/questlog?sslmode=disable");
        assertThat(url.user()).isEqualTo("questlog");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void defaultsPortAndDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void keepsJdbcUrlsAsGiven() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=u").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=u");
    }

    @Test
    void switchesDatabaseKeepingParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@h:5432/a?x=1").withDatabase("b");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/b?x=1");
        assertThat(url.user()).isEqualTo("u");
    }

    @Test
    void rejectsOtherSchemesWithoutEchoingPasswords() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
    }
}
